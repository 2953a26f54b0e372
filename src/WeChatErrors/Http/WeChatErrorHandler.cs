using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Detection;
using WeChatErrors.Exceptions.Internal;
using WeChatErrors.Http.Inspection;
using WeChatErrors.Retry.Internal;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors;

/// <summary>
/// A <see cref="DelegatingHandler"/> that turns every WeChat response with a non-zero top-level <c>errcode</c> into a
/// typed <see cref="WeChatApiException"/>, and sends a request again after errors that a later attempt can fix
/// (<c>-1</c> system busy, <c>45011</c> per-minute rate limit).
/// </summary>
/// <remarks>
/// <para>
/// WeChat answers almost every call with HTTP 200, so a failure shows only in the body. The handler reads JSON-looking
/// bodies (whatever their <c>Content-Type</c> says, since WeChat labels JSON errors <c>text/plain</c>), finds the
/// top-level <c>errcode</c>, and either throws or hands the response to the caller with exactly the bytes it would
/// have read without the handler. Binary downloads, bodies larger than
/// <see cref="WeChatErrorHandlingOptions.MaxInspectedBodySize"/> and bodies it cannot read as JSON pass through untouched.
/// </para>
/// <para>
/// In an application with dependency injection, register it with
/// <c>AddWeChatErrorHandling()</c> on the <c>IHttpClientBuilder</c> instead of creating it.
/// </para>
/// </remarks>
public class WeChatErrorHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<RetryState> RetryStateKey = new("WeChatErrors.RetryState");

    private readonly WeChatErrorHandlingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly WeChatErrorsTelemetry _telemetry;
    private readonly WeChatRetryPolicy _retryPolicy;
    private readonly ResiliencePipeline? _retryPipeline;
    private readonly HashSet<string> _loggedQueryParameters;

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
        _retryPolicy = new WeChatRetryPolicy(options.Retry, _timeProvider);
        _retryPipeline = _retryPolicy.MaxRetries > 0 ? BuildRetryPipeline() : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A request whose <c>access_token</c> came from a token source (<c>AddWeChatAccessToken</c>) and that fails with
    /// <c>40001</c>, <c>40014</c> or <c>42001</c> is sent again once with the source's current token, unless retries are disabled.
    /// </remarks>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The first attempt runs outside the retry pipeline, which is entered only after a WeChat error. When the inner
        // handler completes at once and the body passes inspection at once, the inner handler's own task is returned:
        // the call allocates nothing here. Request content is buffered before the first send whenever a retry may
        // follow, so that path starts in SendCoreAsync.
        if (request is null || (request.Content is not null && MaySendAgain(request)))
        {
            return SendCoreAsync(request!, default, cancellationToken);
        }

        Task<HttpResponseMessage> sending;
        try
        {
            sending = base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex)
        {
            return SendCoreAsync(request, FirstAttempt.Failed(ex), cancellationToken);
        }

        if (sending.Status != TaskStatus.RanToCompletion)
        {
            return SendCoreAsync(request, FirstAttempt.Sending(sending), cancellationToken);
        }

        var response = sending.Result;
        ValueTask<WeChatErrorBody?> inspecting;
        try
        {
            inspecting = ResponseInspector.InspectAsync(response, _options.MaxInspectedBodySize, cancellationToken);
        }
        catch (Exception ex)
        {
            response.Dispose();
            return SendCoreAsync(request, FirstAttempt.Failed(ex), cancellationToken);
        }

        if (!inspecting.IsCompletedSuccessfully)
        {
            return SendCoreAsync(request, FirstAttempt.Inspecting(response, inspecting), cancellationToken);
        }

        if (inspecting.Result is not { } body)
        {
            return sending;
        }

        try
        {
            var error = ToException(body, request, 1, response);
            if (MayRetry(request, error) || CanRecoverToken(request, error, out _))
            {
                return SendCoreAsync(request, FirstAttempt.Errored(error), cancellationToken);
            }

            // Final at once: the caller's await throws it. Not thrown here first, which would cost a second unwind.
            RecordFailure(error);
            return Task.FromException<HttpResponseMessage>(error);
        }
        catch (Exception ex)
        {
            // A logger or a meter listener that throws: the call still fails as a task, as it would from an async method.
            return Task.FromException<HttpResponseMessage>(ex);
        }
    }

#if NET5_0_OR_GREATER
    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        if (request.Content is not null && MaySendAgain(request))
        {
            request.Content.LoadIntoBufferAsync().GetAwaiter().GetResult();
        }

        int attempts;
        try
        {
            return SendRound(request, prior: null, cancellationToken);
        }
        catch (WeChatApiException ex) when (CanRecoverToken(request, ex, out var lease))
        {
            // Outside the catch below: a failed refresh surfaces with its own code (40164, 45009...), logged by the token client.
            RecoverTokenAsync(request, ex, lease, cancellationToken).AsTask().GetAwaiter().GetResult();
            attempts = ex.Attempts;
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }

        try
        {
            return SendRound(request, new RetryState(request) { Attempts = attempts }, cancellationToken);
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }
    }

    /// <summary>One round of attempts: the first send outside the retry pipeline, then the pipeline after a retryable error.</summary>
    private HttpResponseMessage SendRound(HttpRequestMessage request, RetryState? prior, CancellationToken cancellationToken)
    {
        WeChatApiException firstError;
        try
        {
            return SendOnce(request, prior, cancellationToken);
        }
        catch (WeChatApiException ex) when (MayRetry(request, ex))
        {
            firstError = ex;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // The pipeline would hand back the first outcome untouched, without another attempt.
            ExceptionDispatchInfo.Capture(firstError).Throw();
        }

        var retry = new PendingRetry(this, request, firstError);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RetryStateKey, retry.State);
            return _retryPipeline!.Execute(static (ctx, r) => r.SendNext(ctx.CancellationToken), context, retry);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpResponseMessage SendOnce(HttpRequestMessage request, RetryState? state, CancellationToken cancellationToken)
    {
        var attempts = NextAttempt(state);
        var response = base.Send(request, cancellationToken);
        WeChatErrorBody? error;
        try
        {
            error = ResponseInspector.Inspect(response, _options.MaxInspectedBodySize, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return error is { } body ? throw ToException(body, request, attempts, response) : response;
    }
#endif

    /// <summary>Whether the retry pipeline may send this request again.</summary>
    private bool RetriesPossible(HttpRequestMessage request) => _retryPipeline is not null && !request.IsWeChatRetryDisabled();

    /// <summary>Whether the retry pipeline may send this request again after this error (the pipeline is not entered otherwise).</summary>
    private bool MayRetry(HttpRequestMessage request, WeChatApiException error) => RetriesPossible(request) && _retryPolicy.MayRetry(error);

    /// <summary>Whether this request may be sent more than once: by a retry, or once more with a fresh access token.</summary>
    private bool MaySendAgain(HttpRequestMessage request) => RetriesPossible(request) || MayRecoverToken(request, out _);

    private static int NextAttempt(RetryState? state) => state is null ? 1 : ++state.Attempts;

    /// <summary>
    /// Finishes a call whose first attempt did not complete at once (or starts one that buffers its content first):
    /// the first attempt's outcome, then the retry pipeline after a WeChat error when retries are possible.
    /// </summary>
    /// <remarks>A WeChat error travels as a value until it reaches the caller: it is thrown once, here.</remarks>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, FirstAttempt first, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        if (first.IsNotStarted && request.Content is not null && MaySendAgain(request))
        {
            // Another attempt sends the same bytes again: buffer the content once, so a stream (a media upload) can be replayed.
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var (response, error) = await SendRoundAsync(request, first, prior: null, cancellationToken).ConfigureAwait(false);
        if (error is not null && CanRecoverToken(request, error, out var lease))
        {
            // A failed refresh throws here with its own code (40164, 45009...), logged by the token client, not as this call's error.
            await RecoverTokenAsync(request, error, lease, cancellationToken).ConfigureAwait(false);
            var prior = new RetryState(request) { Attempts = error.Attempts };
            (response, error) = await SendRoundAsync(request, default, prior, cancellationToken).ConfigureAwait(false);
        }

        if (error is not null)
        {
            RecordFailure(error);
            throw error;
        }

        return response!;
    }

    /// <summary>
    /// One round of attempts: the first attempt from wherever <see cref="SendAsync"/> left it, then the retry pipeline after a
    /// retryable error. A WeChat error comes back as a value; it is thrown once, by the caller.
    /// </summary>
    private async ValueTask<(HttpResponseMessage? Response, WeChatApiException? Error)> SendRoundAsync(HttpRequestMessage request, FirstAttempt first, RetryState? prior, CancellationToken cancellationToken)
    {
        var (response, firstError) = await FirstAttemptAsync(request, first, prior, cancellationToken).ConfigureAwait(false);

        // With cancellation requested the pipeline would hand back the first outcome untouched.
        if (firstError is null || !MayRetry(request, firstError) || cancellationToken.IsCancellationRequested)
        {
            return (response, firstError);
        }

        var retry = new PendingRetry(this, request, firstError);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            context.Properties.Set(RetryStateKey, retry.State);
            outcome = await _retryPipeline!.ExecuteOutcomeAsync(
                static (ctx, r) => r.SendNextAsync(ctx.CancellationToken),
                context,
                retry).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is WeChatApiException error)
        {
            return (null, error);
        }

        outcome.ThrowIfException();
        return (outcome.Result, null);
    }

    /// <summary>Completes the first attempt from wherever <see cref="SendAsync"/> left it.</summary>
    private async ValueTask<(HttpResponseMessage? Response, WeChatApiException? Error)> FirstAttemptAsync(HttpRequestMessage request, FirstAttempt first, RetryState? prior, CancellationToken cancellationToken)
    {
        first.Failure?.Throw();
        if (first.Error is { } known)
        {
            return (null, known);
        }

        if (first.Response is not { } response)
        {
            return await SendOnceAsync(request, prior, first.Send, cancellationToken).ConfigureAwait(false);
        }

        WeChatErrorBody? error;
        try
        {
            error = await first.Inspection.ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return error is { } body ? (null, ToException(body, request, 1, response)) : (response, null);
    }

    /// <summary>Sends once and inspects the response; a WeChat error comes back as a value, not thrown.</summary>
    private async ValueTask<(HttpResponseMessage? Response, WeChatApiException? Error)> SendOnceAsync(HttpRequestMessage request, RetryState? state, Task<HttpResponseMessage>? sending, CancellationToken cancellationToken)
    {
        var attempts = NextAttempt(state);
        var response = await (sending ?? base.SendAsync(request, cancellationToken)).ConfigureAwait(false);
        WeChatErrorBody? error;
        try
        {
            error = await ResponseInspector.InspectAsync(response, _options.MaxInspectedBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return error is { } body ? (null, ToException(body, request, attempts, response)) : (response, null);
    }

    private WeChatApiException ToException(in WeChatErrorBody error, HttpRequestMessage request, int attempts, HttpResponseMessage response)
    {
        WeChatApiException exception;
        try
        {
            exception = WeChatExceptionFactory.Create(error, request.Method.Method, request.RequestUri, response.StatusCode, attempts, _timeProvider, _loggedQueryParameters);
        }
        finally
        {
            response.Dispose();
        }

        _telemetry.ErrorReceived(exception);
        return exception;
    }

    private bool MayRecoverToken(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        lease = null;
        // The lease first: it is the cheap test that nearly every request fails, and it reads nothing from the request.
        return AccessTokenLease.TryGet(request, out lease) && !lease.Recovered && _options.Retry.Enabled && !request.IsWeChatRetryDisabled();
    }

    /// <summary>Returns whether a token error may be recovered: once, for a token the source supplied, not when retries are off.</summary>
    private bool CanRecoverToken(HttpRequestMessage request, WeChatApiException error, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        if (!AccessTokenRecovery.IsRecoverable(error) || !MayRecoverToken(request, out lease))
        {
            lease = null;
            return false;
        }

        // The caller may have changed the URL after the supply filled it in: only the source's own token is recovered.
        return request.RequestUri is { } uri && AccessTokenQuery.TryGet(uri, out var sent) && string.Equals(sent, lease.Token, StringComparison.Ordinal);
    }

    /// <summary>Drops the failed token if it is still the source's (compare and invalidate), takes the current one, and rewrites the URL.</summary>
    private async ValueTask RecoverTokenAsync(HttpRequestMessage request, WeChatApiException error, AccessTokenLease lease, CancellationToken cancellationToken)
    {
        lease.Recovered = true;
        await lease.Source.InvalidateAsync(lease.AppId, lease.Token, cancellationToken).ConfigureAwait(false);
        var token = await lease.Source.GetTokenAsync(lease.AppId, cancellationToken).ConfigureAwait(false);
        request.RequestUri = AccessTokenQuery.WithToken(request.RequestUri!, token);
        lease.Token = token;
        _telemetry.TokenRefreshed(error, lease.AppId);
    }

    private bool RecordFailure(WeChatApiException exception)
    {
        _telemetry.Failed(exception);
        return false;
    }

    private ResiliencePipeline BuildRetryPipeline()
    {
        var retry = new RetryStrategyOptions
        {
            Name = "WeChatRetry",
            MaxRetryAttempts = _retryPolicy.MaxRetries,
            ShouldHandle = args =>
            {
                if (args.Outcome.Exception is not WeChatApiException error || !args.Context.Properties.TryGetValue(RetryStateKey, out var state))
                {
                    return new ValueTask<bool>(false);
                }

                var delay = _retryPolicy.GetDelay(error, state);
                state.NextDelay = delay ?? TimeSpan.Zero;
                return new ValueTask<bool>(delay.HasValue);
            },
            DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(RetryStateKey, null!).NextDelay),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is WeChatApiException error)
                {
                    _telemetry.Retrying(error, args.RetryDelay);
                }

                return default;
            },
        };

        return new ResiliencePipelineBuilder { TimeProvider = _timeProvider }.AddRetry(retry).Build();
    }

    /// <summary>How far <see cref="SendAsync"/> got with the first attempt before it had to wait.</summary>
    private readonly struct FirstAttempt
    {
        private FirstAttempt(ExceptionDispatchInfo? failure, Task<HttpResponseMessage>? send, HttpResponseMessage? response, ValueTask<WeChatErrorBody?> inspection, WeChatApiException? error)
        {
            Failure = failure;
            Send = send;
            Response = response;
            Inspection = inspection;
            Error = error;
        }

        /// <summary>Gets a value indicating whether nothing has been sent yet.</summary>
        public bool IsNotStarted => Failure is null && Send is null && Response is null && Error is null;

        /// <summary>Gets what the inner handler or the inspection threw at once.</summary>
        public ExceptionDispatchInfo? Failure { get; }

        /// <summary>Gets the pending send of the inner handler.</summary>
        public Task<HttpResponseMessage>? Send { get; }

        /// <summary>Gets the response under inspection (or inspected).</summary>
        public HttpResponseMessage? Response { get; }

        /// <summary>Gets the pending inspection of <see cref="Response"/>, when <see cref="Error"/> is not known yet.</summary>
        public ValueTask<WeChatErrorBody?> Inspection { get; }

        /// <summary>Gets the WeChat error the first attempt ended with (its response already disposed).</summary>
        public WeChatApiException? Error { get; }

        public static FirstAttempt Failed(Exception exception) => new(ExceptionDispatchInfo.Capture(exception), null, null, default, null);

        public static FirstAttempt Sending(Task<HttpResponseMessage> send) => new(null, send, null, default, null);

        public static FirstAttempt Inspecting(HttpResponseMessage response, ValueTask<WeChatErrorBody?> inspection) => new(null, null, response, inspection, null);

        public static FirstAttempt Errored(WeChatApiException error) => new(null, null, null, default, error);
    }

    /// <summary>
    /// The retry pipeline's view of a request whose first attempt failed: its first callback hands that outcome to
    /// the pipeline, as if the pipeline had made the attempt; later callbacks send again.
    /// </summary>
    private sealed class PendingRetry
    {
        private readonly WeChatErrorHandler _handler;
        private WeChatApiException? _firstError;

        public PendingRetry(WeChatErrorHandler handler, HttpRequestMessage request, WeChatApiException firstError)
        {
            _handler = handler;
            _firstError = firstError;
            State = new RetryState(request) { Attempts = firstError.Attempts };
        }

        public RetryState State { get; }

        public async ValueTask<Outcome<HttpResponseMessage>> SendNextAsync(CancellationToken cancellationToken)
        {
            if (TakeFirstError() is { } firstError)
            {
                return Outcome.FromException<HttpResponseMessage>(firstError);
            }

            try
            {
                var (response, error) = await _handler.SendOnceAsync(State.Request, State, sending: null, cancellationToken).ConfigureAwait(false);
                return error is null ? Outcome.FromResult(response!) : Outcome.FromException<HttpResponseMessage>(error);
            }
            catch (Exception ex)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }

#if NET5_0_OR_GREATER
        public HttpResponseMessage SendNext(CancellationToken cancellationToken)
        {
            if (TakeFirstError() is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            return _handler.SendOnce(State.Request, State, cancellationToken);
        }
#endif

        private WeChatApiException? TakeFirstError()
        {
            var error = _firstError;
            _firstError = null;
            return error;
        }
    }
}
