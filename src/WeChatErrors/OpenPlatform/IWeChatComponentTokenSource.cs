namespace WeChatErrors;

/// <summary>
/// Supplies the <c>component_access_token</c> of a third-party platform (第三方平台), fetched with the latest
/// <c>component_verify_ticket</c> the application handed in.
/// </summary>
/// <remarks>
/// Registered by <c>services.AddWeChatOpenPlatform(componentAppId, ...)</c>. The client registered with
/// <c>AddWeChatComponentToken(componentAppId)</c> asks it for the token of every request; after <c>40001</c>, <c>40014</c> or
/// <c>42001</c> it drops the failed token (compare and invalidate) and sends the request once more. Thread-safe.
/// </remarks>
public interface IWeChatComponentTokenSource
{
    /// <summary>
    /// Stores the <c>component_verify_ticket</c> WeChat pushed to the platform's authorization-event URL (decrypted by the
    /// application), so that the next component token is fetched with it. With a shared cache every instance sees it.
    /// </summary>
    /// <param name="componentAppId">The platform's AppID, as registered with <c>AddWeChatOpenPlatform</c>.</param>
    /// <param name="ticket">The ticket.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the ticket is stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="ticket"/> is empty.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="componentAppId"/> is not registered.</exception>
    /// <remarks>Security: the ticket is a credential; it is never logged.</remarks>
    Task SetComponentVerifyTicketAsync(string componentAppId, string ticket, CancellationToken cancellationToken = default);

    /// <summary>Gets the current <c>component_access_token</c>, fetching one when none is cached or the cached one is about to expire.</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="cancellationToken">Cancels the wait for the token.</param>
    /// <returns>The token.</returns>
    /// <exception cref="WeChatComponentTicketException">No valid ticket: none was handed in, or WeChat rejected the latest one (<c>61005</c>, <c>61006</c>).</exception>
    /// <exception cref="WeChatApiException">The token endpoint answered another error, such as <c>40125</c> (wrong secret) or <c>61004</c> (IP not registered).</exception>
    ValueTask<string> GetComponentTokenAsync(string componentAppId, CancellationToken cancellationToken);

    /// <summary>Drops the cached component token, but only while it is still <paramref name="failedToken"/> (compare and invalidate).</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="failedToken">The token WeChat rejected.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is dropped, or when it was not the cached one.</returns>
    ValueTask InvalidateComponentTokenAsync(string componentAppId, string failedToken, CancellationToken cancellationToken);
}
