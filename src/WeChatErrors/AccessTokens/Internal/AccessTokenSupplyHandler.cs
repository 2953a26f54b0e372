using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Adds the <c>access_token</c> query parameter of one AppID (or the token parameter <paramref name="queryName"/> names, such as
/// <c>component_access_token</c>) to every request that lacks it, and marks the request with an <see cref="AccessTokenLease"/> so
/// <see cref="TokenRecoveryStrategy"/> can recover it once after a token error.
/// </summary>
/// <param name="source">The token source.</param>
/// <param name="appId">The AppID whose token every request gets; <see langword="null"/> to read it from each request
/// (<see cref="WeChatOpenPlatformRequestExtensions.SetWeChatAuthorizer(HttpRequestMessage, string)"/>).</param>
/// <param name="queryName">The query parameter that carries the token.</param>
/// <remarks>
/// The token is in the request's URL only while the request is below this handler: whatever the outcome, the request leaves
/// with the URL its caller gave, so nothing that keeps the request (a REST client's exception, the caller's own logging) holds
/// the token afterwards.
/// </remarks>
internal sealed class AccessTokenSupplyHandler(IWeChatAccessTokenSource source, string? appId, string queryName = AccessTokenQuery.Name) : DelegatingHandler
{
    private readonly IWeChatAccessTokenSource _source = source;
    private readonly string? _appId = appId;
    private readonly string _queryName = queryName;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        var callerUri = request.RequestUri;
        try
        {
            if (NeedsToken(request, out var uri, out var appId))
            {
                var token = await _source.GetTokenAsync(appId, cancellationToken).ConfigureAwait(false);
                Supply(request, uri, appId, token);
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
            if (NeedsToken(request, out var uri, out var appId))
            {
                var token = _source.GetTokenAsync(appId, cancellationToken).AsTask().GetAwaiter().GetResult();
                Supply(request, uri, appId, token);
            }

            return base.Send(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = callerUri;
        }
    }
#endif

    private bool NeedsToken(HttpRequestMessage request, out Uri uri, out string appId)
    {
        uri = request.RequestUri ?? throw new InvalidOperationException("The request has no RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"The request URI must be absolute (set HttpClient.BaseAddress) to get an {_queryName}.");
        }

        var present = AccessTokenQuery.TryGet(uri, _queryName, out var token) ? token : null;
        appId = AppIdOf(request, required: present is null)!;
        if (present is null)
        {
            return true;
        }

        // A token the caller put in the URL is the caller's, and never recovered; unless it is the source's current token
        // (for example one the caller read from the source), or one this supply added before (a retry passing through again).
        if (appId is null || (AccessTokenLease.TryGet(request, out var lease) && lease.Token == present))
        {
            return false;
        }

        if (_source is IWeChatAccessTokenCache cache && cache.TryGetCachedToken(appId, out var current) && current == present)
        {
            AccessTokenLease.Set(request, new AccessTokenLease(_source, appId, present, _queryName));
        }

        return false;
    }

    /// <summary>
    /// The AppID whose token the request gets: the client's, or the one the request names. A request that names another account
    /// than its client's is refused (it would act on the wrong account); one that names none fails only when it needs a token.
    /// </summary>
    private string? AppIdOf(HttpRequestMessage request, bool required)
    {
        var named = request.TryGetWeChatAuthorizer(out var authorizer) ? authorizer : null;
        if (_appId is not null)
        {
            return named is null || named == _appId ? _appId : throw new InvalidOperationException(
                $"The request names the authorizer '{named}', but its client supplies the token of '{_appId}'. Send it through a client registered with AddWeChatAuthorizerToken(componentAppId), or without SetWeChatAuthorizer.");
        }

        return named ?? (!required ? null : throw new InvalidOperationException(
            "The request names no authorizer: call request.SetWeChatAuthorizer(authorizerAppId) before sending it, or register the client with AddWeChatAuthorizerToken(componentAppId, authorizerAppId)."));
    }

    private void Supply(HttpRequestMessage request, Uri uri, string appId, string token)
    {
        request.RequestUri = AccessTokenQuery.WithToken(uri, _queryName, token);
        if (AccessTokenLease.TryGet(request, out var lease) && ReferenceEquals(lease.Source, _source) && lease.AppId == appId && lease.QueryName == _queryName)
        {
            // The same request passing through again (an outer handler's resend): it keeps its one recovery.
            lease.Token = token;
        }
        else
        {
            AccessTokenLease.Set(request, new AccessTokenLease(_source, appId, token, _queryName));
        }
    }
}
