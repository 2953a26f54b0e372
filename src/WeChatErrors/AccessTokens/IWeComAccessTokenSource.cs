namespace WeChatErrors;

/// <summary>
/// Supplies the current WeCom (企业微信) <c>access_token</c> of one application of a corp and drops it when WeCom says it is no
/// longer valid. Every application (agent) has its own secret and its own token, so tokens are kept per corp and application.
/// </summary>
/// <remarks>
/// <para>
/// The token supply registered with <c>AddWeComAccessToken(corpId, app)</c> on an <c>IHttpClientBuilder</c> asks this source for
/// the token of every request, and after <c>40014</c> or <c>42001</c> calls <see cref="InvalidateAsync"/> with the token that
/// failed, then <see cref="GetTokenAsync"/> once more, and sends the request again once. WeCom's <c>40001</c> is a wrong
/// corpsecret, never recovered.
/// </para>
/// <para>
/// <c>AddWeComAccessTokens</c> registers a built-in source on <c>GET cgi-bin/gettoken</c>. Register your own implementation
/// (for example a client of a central token service) as a singleton <see cref="IWeComAccessTokenSource"/> to replace it.
/// Implementations must be thread-safe.
/// </para>
/// </remarks>
public interface IWeComAccessTokenSource
{
    /// <summary>Gets the current access token of an application, fetching one when none is cached or the cached one is about to expire.</summary>
    /// <param name="corpId">The corp ID (corpid).</param>
    /// <param name="app">The application the token belongs to, as registered (for example its AgentId, or <c>contacts</c>).</param>
    /// <param name="cancellationToken">Cancels the wait for the token.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="WeChatApiException">The token endpoint answered with an error, such as <c>40001</c> (wrong corpsecret,
    /// a <see cref="WeChatConfigurationException"/>), <c>60020</c> (untrusted IP) or <c>45009</c> (frequency limit).</exception>
    /// <remarks>Security: the returned value is a credential. Do not log it.</remarks>
    ValueTask<string> GetTokenAsync(string corpId, string app, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the cached token of an application, but only when it is still <paramref name="failedToken"/> (compare and
    /// invalidate): when many requests fail with the same stale token, the token is fetched again once, not once per request.
    /// </summary>
    /// <param name="corpId">The corp ID.</param>
    /// <param name="app">The application, as registered.</param>
    /// <param name="failedToken">The token WeCom rejected.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is dropped, or when it was not the cached one.</returns>
    ValueTask InvalidateAsync(string corpId, string app, string failedToken, CancellationToken cancellationToken);
}
