namespace WeChatErrors;

/// <summary>
/// Supplies the current WeChat <c>access_token</c> of an app and drops it when WeChat says it is no longer valid.
/// </summary>
/// <remarks>
/// <para>
/// The token supply registered with <c>AddWeChatAccessToken(appId)</c> on an <c>IHttpClientBuilder</c> asks this source for the
/// token of every request, and after a token error (<c>40001</c>, <c>40014</c>, <c>42001</c>) calls
/// <see cref="InvalidateAsync(string, string, CancellationToken)"/> with the token that failed, then
/// <see cref="GetTokenAsync(string, CancellationToken)"/> once more, and sends the request again once.
/// </para>
/// <para>
/// <c>AddWeChatAccessTokens</c> registers a built-in source on WeChat's stable-token API. Register your own implementation
/// (for example a client of a central token service) as a singleton <see cref="IWeChatAccessTokenSource"/> to replace it.
/// Implementations must be thread-safe.
/// </para>
/// </remarks>
public interface IWeChatAccessTokenSource
{
    /// <summary>Gets the current access token of an app, fetching one when none is cached or the cached one is about to expire.</summary>
    /// <param name="appId">The AppID.</param>
    /// <param name="cancellationToken">Cancels the wait for the token.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="WeChatApiException">The token endpoint answered with an error, such as <c>40125</c> (wrong AppSecret),
    /// <c>40164</c> (caller IP not whitelisted) or <c>45009</c> (daily quota).</exception>
    /// <remarks>Security: the returned value is a credential. Do not log it.</remarks>
    ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the cached token of an app, but only when it is still <paramref name="failedToken"/> (compare and invalidate):
    /// when many requests fail with the same stale token, the token is fetched again once, not once per request.
    /// </summary>
    /// <param name="appId">The AppID.</param>
    /// <param name="failedToken">The token WeChat rejected.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is dropped, or when it was not the cached one.</returns>
    /// <remarks>Implementations must not force WeChat to issue a new token (<c>force_refresh</c>): that is limited to 20 a day
    /// and invalidates the token of every other holder.</remarks>
    ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken);
}
