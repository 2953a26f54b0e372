using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using WeChatErrors.Internal;
using WeChatErrors.Internal.AccessTokens;
using WeChatErrors.Internal.Http;
using WeChatErrors.Internal.Retry;
using WeChatErrors.Internal.Telemetry;

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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        var state = new RetryState(request);
        if (request.Content is not null && MayRecoverToken(request, out _))
        {
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        try
        {
            return await SendAttemptsAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (CanRecoverToken(state, ex, out var lease))
        {
            // Outside the catch below: a failed refresh surfaces with its own code (40164, 45009...), logged by the token client.
            await RecoverTokenAsync(state, ex, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }

        try
        {
            return await SendAttemptsAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAttemptsAsync(RetryState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        if (_retryPipeline is null || request.IsWeChatRetryDisabled())
        {
            return await SendOnceAsync(state, cancellationToken).ConfigureAwait(false);
        }

        if (request.Content is not null)
        {
            // A retry sends the same bytes again: buffer the content once, so a stream (a media upload) can be replayed.
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RetryStateKey, state);
            return await _retryPipeline.ExecuteAsync(
                static (ctx, s) => s.Handler.SendOnceAsync(s.State, ctx.CancellationToken),
                context,
                (Handler: this, State: state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

#if NET5_0_OR_GREATER
    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        var state = new RetryState(request);
        if (request.Content is not null && MayRecoverToken(request, out _))
        {
            request.Content.LoadIntoBufferAsync().GetAwaiter().GetResult();
        }

        try
        {
            return SendAttempts(state, cancellationToken);
        }
        catch (WeChatApiException ex) when (CanRecoverToken(state, ex, out var lease))
        {
            RecoverTokenAsync(state, ex, lease, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }

        try
        {
            return SendAttempts(state, cancellationToken);
        }
        catch (WeChatApiException ex) when (RecordFailure(ex))
        {
            throw;
        }
    }

    private HttpResponseMessage SendAttempts(RetryState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        if (_retryPipeline is null || request.IsWeChatRetryDisabled())
        {
            return SendOnce(state, cancellationToken);
        }

        request.Content?.LoadIntoBufferAsync().GetAwaiter().GetResult();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RetryStateKey, state);
            return _retryPipeline.Execute(static (ctx, s) => s.Handler.SendOnce(s.State, ctx.CancellationToken), context, (Handler: this, State: state));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpResponseMessage SendOnce(RetryState state, CancellationToken cancellationToken)
    {
        state.Attempts++;
        var response = base.Send(state.Request, cancellationToken);
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

        return error is { } body ? throw ToException(body, state, response) : response;
    }
#endif

    private async ValueTask<HttpResponseMessage> SendOnceAsync(RetryState state, CancellationToken cancellationToken)
    {
        state.Attempts++;
        var response = await base.SendAsync(state.Request, cancellationToken).ConfigureAwait(false);
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

        return error is { } body ? throw ToException(body, state, response) : response;
    }

    private WeChatApiException ToException(in WeChatErrorBody error, RetryState state, HttpResponseMessage response)
    {
        var request = state.Request;
        var exception = WeChatExceptionFactory.Create(error, request.Method.Method, request.RequestUri, response.StatusCode, state.Attempts, _timeProvider, _loggedQueryParameters);
        response.Dispose();
        _telemetry.ErrorReceived(exception);
        return exception;
    }

    private bool MayRecoverToken(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        lease = null;
        return _options.Retry.Enabled && !request.IsWeChatRetryDisabled() && AccessTokenLease.TryGet(request, out lease) && !lease.Recovered;
    }

    /// <summary>Returns whether a token error may be recovered: once, for a token the source supplied, not when retries are off.</summary>
    private bool CanRecoverToken(RetryState state, WeChatApiException error, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        if (!AccessTokenRecovery.IsRecoverable(error) || !MayRecoverToken(state.Request, out lease))
        {
            lease = null;
            return false;
        }

        // The caller may have changed the URL after the supply filled it in: only the source's own token is recovered.
        return state.Request.RequestUri is { } uri && AccessTokenQuery.TryGet(uri, out var sent) && string.Equals(sent, lease.Token, StringComparison.Ordinal);
    }

    /// <summary>Drops the failed token if it is still the source's (compare and invalidate), takes the current one, and rewrites the URL.</summary>
    private async ValueTask RecoverTokenAsync(RetryState state, WeChatApiException error, AccessTokenLease lease, CancellationToken cancellationToken)
    {
        lease.Recovered = true;
        await lease.Source.InvalidateAsync(lease.AppId, lease.Token, cancellationToken).ConfigureAwait(false);
        var token = await lease.Source.GetTokenAsync(lease.AppId, cancellationToken).ConfigureAwait(false);
        state.Request.RequestUri = AccessTokenQuery.WithToken(state.Request.RequestUri!, token);
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
}
