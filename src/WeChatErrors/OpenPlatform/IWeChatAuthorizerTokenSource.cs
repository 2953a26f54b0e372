namespace WeChatErrors;

/// <summary>
/// Supplies the <c>authorizer_access_token</c> of the accounts (official accounts, mini-programs) that authorized a third-party
/// platform, refreshed with each account's <c>authorizer_refresh_token</c>.
/// </summary>
/// <remarks>
/// <para>Registered by <c>services.AddWeChatOpenPlatform(componentAppId, ...)</c>. A client registered with
/// <c>AddWeChatAuthorizerToken(componentAppId, authorizerAppId)</c> (or <c>AddWeChatAuthorizerToken(componentAppId)</c> and
/// <see cref="WeChatOpenPlatformRequestExtensions.SetWeChatAuthorizer(HttpRequestMessage, string)"/> per request) gets the token as
/// the <c>access_token</c> of every request, and after <c>40001</c>, <c>40014</c> or <c>42001</c> the token is dropped (compare and
/// invalidate) and the request sent once more.</para>
/// <para>A refresh returns a new refresh token, which is saved (in memory and, when enabled, in the shared cache, in the same write
/// as the new access token) before the new access token is used. A refresh answered <c>61023</c> reads the current refresh token
/// from <c>api_get_authorizer_info</c> and tries once more; <c>61003</c> is never refreshed again. Both end in a
/// <see cref="WeChatReauthorizationRequiredException"/>. Thread-safe.</para>
/// </remarks>
public interface IWeChatAuthorizerTokenSource
{
    /// <summary>
    /// Exchanges the authorization code of a new authorization (<c>auth_code</c> from the authorization redirect or event) for the
    /// account's tokens (<c>api_query_auth</c>) and stores them.
    /// </summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizationCode">The authorization code; it can be used once.</param>
    /// <param name="cancellationToken">Cancels the operation before the code is sent; once sent, the exchange is not cancelled (the code
    /// is used up by it, so its result must be stored).</param>
    /// <returns>The account that authorized the platform.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, such as <c>61010</c> (the code expired).</exception>
    Task<WeChatAuthorization> CompleteAuthorizationAsync(string componentAppId, string authorizationCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Seeds the refresh token of an account the application already knows (for example from its own database), for when the
    /// source has none: a refresh token already stored (in memory or the shared cache) is kept, since it may have rotated since the
    /// application saved its copy. After a <see cref="WeChatReauthorizationRequiredException"/> the given one replaces it.
    /// </summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="refreshToken">The <c>authorizer_refresh_token</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the refresh token is stored, or found already stored.</returns>
    /// <remarks>A refresh token never stored, or one WeChat no longer takes (<c>61023</c>), is fetched from <c>api_get_authorizer_info</c>.</remarks>
    Task SetRefreshTokenAsync(string componentAppId, string authorizerAppId, string refreshToken, CancellationToken cancellationToken = default);

    /// <summary>Gets the current access token of an account, refreshing it when none is cached or the cached one is about to expire.</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="cancellationToken">Cancels the wait for the token.</param>
    /// <returns>The <c>authorizer_access_token</c>.</returns>
    /// <exception cref="WeChatReauthorizationRequiredException">The account revoked the authorization (<c>61003</c>) or its refresh token is invalid for good (<c>61023</c>).</exception>
    /// <exception cref="WeChatComponentTicketException">The platform's own token could not be fetched for want of a ticket.</exception>
    /// <exception cref="WeChatApiException">WeChat answered another error.</exception>
    ValueTask<string> GetTokenAsync(string componentAppId, string authorizerAppId, CancellationToken cancellationToken);

    /// <summary>Drops the account's cached access token, but only while it is still <paramref name="failedToken"/> (compare and invalidate).</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="failedToken">The token WeChat rejected.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is dropped, or when it was not the cached one.</returns>
    ValueTask InvalidateAsync(string componentAppId, string authorizerAppId, string failedToken, CancellationToken cancellationToken);
}
