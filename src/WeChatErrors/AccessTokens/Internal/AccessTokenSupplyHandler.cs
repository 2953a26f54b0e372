using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Adds the <c>access_token</c> query parameter of one AppID to every request that lacks it, and marks the request with an
/// <see cref="AccessTokenLease"/> so <see cref="TokenRecoveryStrategy"/> can recover it once after a token error.
/// </summary>
/// <remarks>
/// The token is in the request's URL only while the request is below this handler: whatever the outcome, the request leaves
/// with the URL its caller gave, so nothing that keeps the request (a REST client's exception, the caller's own logging) holds
/// the token afterwards.
/// </remarks>
internal sealed class AccessTokenSupplyHandler : DelegatingHandler
{
    private readonly IWeChatAccessTokenSource _source;
    private readonly string _appId;

    public AccessTokenSupplyHandler(IWeChatAccessTokenSource source, string appId)
    {
        _source = source;
        _appId = appId;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        var callerUri = request.RequestUri;
        try
        {
            if (NeedsToken(request, out var uri))
            {
                var token = await _source.GetTokenAsync(_appId, cancellationToken).ConfigureAwait(false);
                Supply(request, uri, token);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.RequestUri = callerUri;
        }
    }

#if NET5_0_OR_GREATER
    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        var callerUri = request.RequestUri;
        try
        {
            if (NeedsToken(request, out var uri))
            {
                var token = _source.GetTokenAsync(_appId, cancellationToken).AsTask().GetAwaiter().GetResult();
                Supply(request, uri, token);
            }

            return base.Send(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = callerUri;
        }
    }
#endif

    private bool NeedsToken(HttpRequestMessage request, out Uri uri)
    {
        uri = request.RequestUri ?? throw new InvalidOperationException("The request has no RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request URI must be absolute (set HttpClient.BaseAddress) to get an access_token.");
        }

        if (!AccessTokenQuery.TryGet(uri, out var present))
        {
            return true;
        }

        // A token the caller put in the URL is the caller's, and never recovered; unless it is the source's current token
        // (for example one the caller read from the source), or one this supply added before (a retry passing through again).
        if (AccessTokenLease.TryGet(request, out var lease) && lease.Token == present)
        {
            return false;
        }

        if (_source is IWeChatAccessTokenCache cache && cache.TryGetCachedToken(_appId, out var current) && current == present)
        {
            AccessTokenLease.Set(request, new AccessTokenLease(_source, _appId, present));
        }

        return false;
    }

    private void Supply(HttpRequestMessage request, Uri uri, string token)
    {
        request.RequestUri = AccessTokenQuery.WithToken(uri, token);
        if (AccessTokenLease.TryGet(request, out var lease) && ReferenceEquals(lease.Source, _source) && lease.AppId == _appId)
        {
            // The same request passing through again (an outer handler's resend): it keeps its one recovery.
            lease.Token = token;
        }
        else
        {
            AccessTokenLease.Set(request, new AccessTokenLease(_source, _appId, token));
        }
    }
}
