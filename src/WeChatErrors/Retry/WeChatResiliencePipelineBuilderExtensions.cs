using Microsoft.Extensions.Options;
using Polly;
using WeChatErrors.Http.Internal;
using WeChatErrors.Retry.Internal;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors;

/// <summary>
/// The WeChat retry of <see cref="WeChatErrorHandler"/> as a Polly strategy, for a resilience pipeline of your own
/// (<c>AddResilienceHandler</c> of Microsoft.Extensions.Http.Resilience, or a <see cref="ResiliencePipeline{T}"/> around the calls).
/// </summary>
public static class WeChatResiliencePipelineBuilderExtensions
{
    /// <summary>
    /// Adds the WeChat retry: the same codes, the same resend safety per endpoint and the same two budgets and delays as the
    /// retry inside <see cref="WeChatErrorHandler"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The retry settings; the defaults (<c>-1</c> three times with backoff, <c>45011</c> once after the
    /// minute turns) when <see langword="null"/>. They are checked as <c>AddWeChatErrorHandling</c> checks them.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds a value the handler's validation rejects.</exception>
    /// <remarks>
    /// <para>The strategy reads the errors a <see cref="WeChatErrorHandler"/> below the pipeline found: register the client with
    /// <c>AddResilienceHandler("wechat", b => b.AddWeChatRetry())</c> first, then <c>AddWeChatErrorHandling(o => o.Retry.Enabled = false)</c>
    /// (a handler registered first sits outside the ones after it), so that the handler detects and the pipeline retries. Both
    /// modes of <see cref="WeChatErrorHandlingOptions.ThrowOnError"/> work: the thrown exception, or the error recorded on the
    /// response (whose retried responses Polly disposes). Without the handler below, no response carries an error and nothing is
    /// retried. An error the handler already sent more than once (its own retries left on) is not retried again here, so the two
    /// retries never multiply; turn the handler's off to let this one decide.</para>
    /// <para>Which requests are sent again is decided by the endpoint, as in the handler: after a transient error a message to one
    /// user only with <see cref="WeChatRetryOptions.RetryMessageSends"/> or <see cref="WeChatHttpRequestMessageExtensions.AllowWeChatMessageRetry(HttpRequestMessage)"/>,
    /// mass sends and one-time code exchanges never; <see cref="WeChatHttpRequestMessageExtensions.DisableWeChatRetry(HttpRequestMessage)"/>
    /// stops it. The request is the one Microsoft.Extensions.Http.Resilience keeps in the context, else the response's
    /// <see cref="HttpResponseMessage.RequestMessage"/>, else the path of the error's redacted URL. So in a
    /// <see cref="ResiliencePipeline{T}"/> of your own around <see cref="HttpClient"/> calls, in the throwing mode (no response, no
    /// request in the context), the per-request marks (<c>DisableWeChatRetry</c>, <c>AllowWeChatMessageRetry</c>) are not seen, and
    /// only the endpoint rules apply: use <c>AddResilienceHandler</c>, or the non-throwing mode, where they are.</para>
    /// <para>Unlike the handler's own retry, this one does not buffer a request's content (send a content that can be read twice),
    /// does not recover access tokens (the handler's recovery runs only with its retries on), and does not log: Polly's telemetry
    /// reports its retries, under the strategy name <c>WeChatRetry</c>, and each is counted on <c>wechat.client.retries</c> of the shared
    /// <c>WeChatErrors</c> meter (not of the container's <c>IMeterFactory</c>). The handler below logs each attempt's error as a final
    /// one (event 2), since for it each attempt is a call of its own; each exception's <see cref="WeChatApiException.Attempts"/> is 1.</para>
    /// </remarks>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddWeChatRetry(this ResiliencePipelineBuilder<HttpResponseMessage> builder, WeChatRetryOptions? options = null)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        options ??= new WeChatRetryOptions();
        Validate(options);
        var policy = new WeChatRetryPolicy(options);
        if (policy.MaxRetries == 0)
        {
            // Polly's retry needs at least one attempt: a policy that never retries adds nothing.
            return builder;
        }

        return builder.AddRetry(WeChatRetryStrategy.CreateOptions(policy, new WeChatErrorsTelemetry(logger: null, meterFactory: null), aboveHandler: true));
    }

    private static void Validate(WeChatRetryOptions options)
    {
        var wrapper = new WeChatErrorHandlingOptions { Retry = options };
        IValidateOptions<WeChatErrorHandlingOptions>[] validators = [new WeChatErrorHandlingOptionsValidator(), new WeChatErrorHandlingOptionsCustomValidator()];
        var failures = validators.Select(v => v.Validate(Options.DefaultName, wrapper)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToArray();
        if (failures.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }
}
