using System.Diagnostics.CodeAnalysis;
using Polly;
using WeChatErrors.Http.Internal;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The token recovery, a strategy of the handler's pipeline around the retries: when a call whose <c>access_token</c> came
/// from a token source fails with <c>40001</c>, <c>40014</c> or <c>42001</c>, it drops that token if it is still the source's
/// (compare and invalidate), takes the current one, and runs the attempts once more. Once: it runs the callback twice at most.
/// </summary>
internal sealed class TokenRecoveryStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly WeChatErrorsTelemetry _telemetry;

    public TokenRecoveryStrategy(WeChatErrorsTelemetry telemetry) => _telemetry = telemetry;

    /// <summary>
    /// Returns whether the error says the token the request carries in <paramref name="queryName"/> is stale, invalid or expired.
    /// The other codes of kind <see cref="WeChatErrorKind.AccessToken"/> concern another token type or a missing token, which a new
    /// token of this type does not fix; on a token endpoint the error is a configuration error, not of this type.
    /// </summary>
    /// <remarks>In WeCom 40001 is a wrong corpsecret (configuration), so only 40014 and 42001 are recovered there. On a third-party
    /// platform's own call (<c>component_access_token</c>), WeChat's component-token codes 42006 (expired) and 40094 (invalid) too.</remarks>
    public static bool IsRecoverable(WeChatApiException error, string queryName = AccessTokenQuery.Name) =>
        error is WeChatAccessTokenException
        && (error.Product == WeChatProduct.WeCom ? error.RawErrorCode is 40014 or 42001
            : error.RawErrorCode is 40001 or 40014 or 42001
              || (queryName == AccessTokenQuery.ComponentName && error.RawErrorCode is 42006 or 40094));

    /// <summary>Returns the lease of a request that may be sent again with a new token: retries are not disabled for it.</summary>
    public static bool TryGetLease(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        lease = null;
        return !request.IsWeChatRetryDisabled() && AccessTokenLease.TryGet(request, out lease);
    }

    /// <summary>Returns whether this strategy would recover <paramref name="error"/> of <paramref name="request"/>, and the lease it would use.</summary>
    public static bool CanRecover(WeChatApiException error, HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
        lease = null;
        return TryGetLease(request, out lease) && IsRecoverable(error, lease.QueryName) && !lease.Recovered && CarriesLeasedToken(request, lease);
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is not WeChatApiException error
            || !context.Properties.TryGetValue(CallProgress.RequestKey, out var request)
            || !CanRecover(error, request, out var lease))
        {
            return outcome;
        }

        var progress = CallProgress.Of(context);
        lease.Recovered = true;
        try
        {
            string token;
            if (progress.Synchronous)
            {
                // A synchronous Send blocks here, on the caller's thread, for the refresh only: the resend and its retries stay on it.
                lease.Source.InvalidateAsync(lease.AppId, lease.Token, context.CancellationToken).AsTask().GetAwaiter().GetResult();
                token = lease.Source.GetTokenAsync(lease.AppId, context.CancellationToken).AsTask().GetAwaiter().GetResult();
            }
            else
            {
                await lease.Source.InvalidateAsync(lease.AppId, lease.Token, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
                token = await lease.Source.GetTokenAsync(lease.AppId, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }

            lease.Token = token;
        }
        catch (Exception ex)
        {
            // A failed refresh surfaces with its own code (40164, 45009...), logged by the token client, not as this call's error.
            progress.TokenRefreshFailure();
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        _telemetry.TokenRefreshed(error, lease.AppId);
        progress.ResendingWithNewToken();

        // With the supply outside this handler, the URL carries the failed token: the resend carries the new one, and the URL
        // is put back as it was. With the supply inside, the URL has no token here and the supply adds the current one.
        var uriBefore = request.RequestUri!;
        if (AccessTokenQuery.TryGet(uriBefore, lease.QueryName, out _))
        {
            request.RequestUri = AccessTokenQuery.WithToken(uriBefore, lease.QueryName, lease.Token);
        }

        try
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        finally
        {
            request.RequestUri = uriBefore;
        }
    }

    // The caller may have changed the URL after the supply filled it in: only the source's own token is recovered. A URL without
    // a token is one the supply (inside this handler) fills in on every pass.
    private static bool CarriesLeasedToken(HttpRequestMessage request, AccessTokenLease lease) =>
        request.RequestUri is { } uri
        && (!AccessTokenQuery.TryGet(uri, lease.QueryName, out var sent) || string.Equals(sent, lease.Token, StringComparison.Ordinal));
}
