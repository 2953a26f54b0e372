using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Polly;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Detection;
using WeChatErrors.Exceptions.Internal;
using WeChatErrors.Http.Inspection;
using WeChatErrors.Http.Internal;
using WeChatErrors.Retry.Internal;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors;

/// <summary>
/// A <see cref="DelegatingHandler"/> that turns every WeChat or WeCom response with a non-zero top-level <c>errcode</c> into a
/// typed <see cref="WeChatApiException"/>, and sends a request again after errors that a later attempt can fix
/// (<c>-1</c> system busy, <c>45011</c> per-minute rate limit; WeCom's <c>-1</c>, <c>6000</c> and <c>45033</c>).
/// </summary>
/// <remarks>
/// <para>
/// WeChat answers almost every call with HTTP 200, so a failure shows only in the body. The handler reads JSON-looking
/// bodies (whatever their <c>Content-Type</c> says, since WeChat labels JSON errors <c>text/plain</c>), finds the
/// top-level <c>errcode</c>, and either throws or hands the response to the caller with exactly the bytes it would
/// have read without the handler. A response of a WeCom host (<see cref="WeChatErrorHandlingOptions.WeComHosts"/>) is read with
/// the WeCom catalog and retried by WeCom's rules; every other with WeChat's. Binary downloads, bodies larger than
/// <see cref="WeChatErrorHandlingOptions.MaxInspectedBodySize"/> and bodies it cannot read as JSON pass through untouched.
/// </para>
/// <para>
/// With <see cref="WeChatErrorHandlingOptions.ThrowOnError"/> <see langword="false"/> the final WeChat error is not thrown: the
/// response of the last attempt reaches the caller as it came, and
/// <see cref="WeChatHttpResponseMessageExtensions.GetWeChatError(HttpResponseMessage)"/> gives the exception from it. Retries, the
/// token recovery and the telemetry are the same in both modes.
/// </para>
/// <para>
/// In an application with dependency injection, register it with
/// <c>AddWeChatErrorHandling()</c> on the <c>IHttpClientBuilder</c> instead of creating it.
/// </para>
/// <para>
/// The synchronous <c>HttpClient.Send</c> is checked only by the net8.0 and net10.0 builds. The netstandard2.0 build
/// (which .NET Framework and .NET 5 to 7 apps get) cannot override <c>HttpMessageHandler.Send</c>, which netstandard2.0
/// lacks: on .NET 5 to 7, <c>HttpClient.Send</c> passes this handler by, so a WeChat error arrives as a success and
/// nothing is retried. Use <c>SendAsync</c> there.
/// </para>
/// </remarks>
public class WeChatErrorHandler : DelegatingHandler
{
    private readonly WeChatErrorHandlingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly WeChatErrorsTelemetry _telemetry;
    private readonly HashSet<string> _loggedQueryParameters;
    private readonly WeChatRetryPolicy _policy;
    private readonly ProductResolver _products;
    private readonly bool _throwOnError;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Func<HttpRequestMessage, int, bool, CancellationToken, ValueTask<Outcome<HttpResponseMessage>>> _attempt;

    /// <summary>Initializes a new instance of the <see cref="WeChatErrorHandler"/> class with the default options.</summary>
    public WeChatErrorHandler()
        : this(new WeChatErrorHandlingOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatErrorHandler"/> class.</summary>
    /// <param name="options">The settings to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public WeChatErrorHandler(WeChatErrorHandlingOptions options)
        : this(options, timeProvider: null, logger: null, meterFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatErrorHandler"/> class.</summary>
    /// <param name="options">The settings to use.</param>
    /// <param name="timeProvider">The clock for retry delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where retries and failures are logged; nowhere when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the <c>WeChatErrors</c> meter; a shared meter is used when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public WeChatErrorHandler(WeChatErrorHandlingOptions options, TimeProvider? timeProvider, ILogger? logger, IMeterFactory? meterFactory)
    {
        ArgumentNullExceptionShim.ThrowIfNull(options);
        _options = options;
        _loggedQueryParameters = new HashSet<string>(options.LoggedQueryParameters, StringComparer.OrdinalIgnoreCase);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _telemetry = new WeChatErrorsTelemetry(logger, meterFactory);
        _policy = new WeChatRetryPolicy(options.Retry);
        _products = new ProductResolver(options.WeComHosts);
        _throwOnError = options.ThrowOnError;
        _pipeline = WeChatPipeline.Create(options.Retry, _policy, _timeProvider, _telemetry);
        _attempt = AttemptAsync;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>A request whose <c>access_token</c> came from a token source (<c>AddWeChatAccessToken</c>) and that fails with
    /// <c>40001</c>, <c>40014</c> or <c>42001</c> is sent again once with the source's current token, unless retries are disabled.</para>
    /// <para>With <see cref="WeChatErrorHandlingOptions.ThrowOnError"/> <see langword="false"/> the final WeChat error is returned as
    /// its response instead of thrown; read it with <see cref="WeChatHttpResponseMessageExtensions.GetWeChatError(HttpResponseMessage)"/>.</para>
    /// </remarks>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, async: true, cancellationToken);

#if NET5_0_OR_GREATER
    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, async: false, cancellationToken).GetAwaiter().GetResult();
#endif

    /// <summary>
    /// The one send path of <see cref="SendAsync"/> and the synchronous send: the first attempt, then, after an error that a
    /// retry or the token recovery acts on, the pipeline from that outcome. Every attempt is <see cref="AttemptAsync"/>.
    /// </summary>
    /// <remarks>With <paramref name="async"/> <see langword="false"/> every step runs synchronously (Polly's synchronous execution included).</remarks>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        if (request.Content is not null && MaySendAgain(request))
        {
            // Another attempt sends the same bytes again: buffer the content once, so a stream (a media upload) can be replayed.
            var buffering = request.Content.LoadIntoBufferAsync();
            if (async)
            {
                await buffering.ConfigureAwait(false);
            }
            else
            {
                buffering.GetAwaiter().GetResult();
            }
        }

        var outcome = await AttemptAsync(request, attempt: 1, async, cancellationToken).ConfigureAwait(false);
        var ownError = true;
        // With cancellation requested no strategy would act: the caller gets the WeChat error, logged as any final one.
        if (outcome.Exception is WeChatApiException first && !cancellationToken.IsCancellationRequested && IsHandledByPipeline(first, request))
        {
            (outcome, ownError) = await PipelineCall.RunAsync(_pipeline, _attempt, request, outcome, async, cancellationToken).ConfigureAwait(false);
        }

        if (ownError && outcome.Exception is WeChatApiException error)
        {
            _telemetry.Failed(error);
            if (!_throwOnError && HeldResponses.Take(error) is { } errorResponse)
            {
                // The non-throwing mode: the caller gets the response as it came, and reads the error from it.
                ResponseErrors.Set(errorResponse, error);
                return errorResponse;
            }
        }

        outcome.ThrowIfException();
        return outcome.Result!;
    }

    /// <summary>
    /// Whether a strategy of the pipeline acts on this first error: the retry, or the token recovery. It asks the same
    /// predicates the strategies ask (<see cref="WeChatPipeline"/> adds the recovery exactly when retries are enabled).
    /// </summary>
    private bool IsHandledByPipeline(WeChatApiException error, HttpRequestMessage request) =>
        _policy.ShouldRetry(error, request, progress: null)
        || (_options.Retry.Enabled && TokenRecoveryStrategy.CanRecover(error, request, out _));

    /// <summary>
    /// One attempt, the only one there is: send, inspect, and turn a WeChat error into its exception. Every outcome, a
    /// transport failure included, comes back as a value; it completes synchronously when <paramref name="async"/> is <see langword="false"/>.
    /// </summary>
    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, int attempt, bool async, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        WeChatErrorBody? error;
        try
        {
#if NET5_0_OR_GREATER
            response = async ? await base.SendAsync(request, cancellationToken).ConfigureAwait(false) : base.Send(request, cancellationToken);
#else
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
#endif
            try
            {
                error = await ResponseInspector.InspectAsync(response, _options.MaxInspectedBodySize, async, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return error is { } body
                ? Outcome.FromException<HttpResponseMessage>(ToException(body, request, attempt, response))
                : Outcome.FromResult(response);
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private WeChatApiException ToException(in WeChatErrorBody error, HttpRequestMessage request, int attempt, HttpResponseMessage response)
    {
        WeChatApiException exception;
        try
        {
            exception = WeChatExceptionFactory.Create(
                error, request.Method.Method, request.RequestUri, response.StatusCode, attempt, _timeProvider, _loggedQueryParameters, _products.Resolve(request));
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (_throwOnError)
        {
            response.Dispose();
        }
        else
        {
            // Held until the call ends: the caller's answer if this attempt is the last, disposed by the pipeline if it is retried.
            HeldResponses.Hold(exception, response);
        }

        _telemetry.ErrorReceived(exception);
        return exception;
    }

    /// <summary>Whether this request may be sent more than once: by a retry, or once more with a fresh access token.</summary>
    private bool MaySendAgain(HttpRequestMessage request) =>
        _options.Retry.Enabled && (_policy.MaxRetries > 0 ? !request.IsWeChatRetryDisabled() : TokenRecoveryStrategy.TryGetLease(request, out _));
}
