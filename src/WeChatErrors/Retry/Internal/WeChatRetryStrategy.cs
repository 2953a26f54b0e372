using Polly;
using Polly.Retry;
using WeChatErrors.Http.Internal;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.Retry.Internal;

/// <summary>
/// The WeChat retry as a Polly retry strategy: <c>ShouldHandle</c> and the delay ask the <see cref="WeChatRetryPolicy"/>, which
/// changes nothing; <c>OnRetry</c> counts the retry in the call's <see cref="CallProgress"/> and logs it.
/// </summary>
/// <remarks>
/// Inside <see cref="WeChatErrorHandler"/> a WeChat error is always the outcome's exception. Added to a pipeline of its own
/// (<see cref="WeChatResiliencePipelineBuilderExtensions.AddWeChatRetry"/>) above a handler in the non-throwing mode, it is the
/// error recorded on the outcome's response; Polly disposes the response of an outcome it retries.
/// </remarks>
internal static class WeChatRetryStrategy
{
    public const string Name = "WeChatRetry";

    /// <summary>Where Microsoft.Extensions.Http.Resilience's handler keeps the request in the context (its <c>GetRequestMessage()</c>).</summary>
    private static readonly ResiliencePropertyKey<HttpRequestMessage> HttpResilienceRequestKey = new("Resilience.Http.RequestMessage");

    /// <param name="policy">What is retried and how long it waits.</param>
    /// <param name="telemetry">Where retries are logged and counted.</param>
    /// <param name="aboveHandler">For a pipeline above a <see cref="WeChatErrorHandler"/> (<c>AddWeChatRetry</c>): an error the handler
    /// already sent more than once (its own retries are on) is not retried again, so the two retries never multiply.</param>
    public static RetryStrategyOptions<HttpResponseMessage> CreateOptions(WeChatRetryPolicy policy, WeChatErrorsTelemetry telemetry, bool aboveHandler = false) => new()
    {
        Name = Name,
        MaxRetryAttempts = policy.MaxRetries,
        ShouldHandle = args => new ValueTask<bool>(
            ErrorOf(args.Outcome) is { } error
            && (!aboveHandler || error.Attempts == 1)
            && policy.ShouldRetry(error, RequestOf(args.Context, args.Outcome), CallProgress.Peek(args.Context))),
        DelayGenerator = args => new ValueTask<TimeSpan?>(policy.GetDelay(ErrorOf(args.Outcome)!, CallProgress.Peek(args.Context))),
        OnRetry = args =>
        {
            var error = ErrorOf(args.Outcome)!;
            CallProgress.Of(args.Context).Retrying(WeChatRetryPolicy.IsRateLimit(error), args.RetryDelay);
            telemetry.Retrying(error, args.RetryDelay);
            return default;
        },
    };

    /// <summary>The WeChat error of an outcome: its exception, or the error recorded on its response (the non-throwing mode).</summary>
    private static WeChatApiException? ErrorOf(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception as WeChatApiException ?? (outcome.Result is { } response ? ResponseErrors.Get(response) : null);

    private static HttpRequestMessage? RequestOf(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        context.Properties.TryGetValue(CallProgress.RequestKey, out var request) ? request
        : context.Properties.TryGetValue(HttpResilienceRequestKey, out request) ? request
        : outcome.Result?.RequestMessage;
}
