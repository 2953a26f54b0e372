namespace WeChatErrors;

/// <summary>
/// A durable home for the accounts' <c>authorizer_refresh_token</c>s, such as the application's database: register one as a
/// singleton and the open platform's account source saves every refresh token WeChat returns there, and reads it there when it
/// knows none (a cold start, a cache that lost its entries) before it asks <c>api_get_authorizer_info</c>.
/// </summary>
/// <remarks>
/// <para>Optional: without it the refresh tokens live in memory and, with <see cref="WeChatOpenPlatformOptions.UseDistributedCache"/>,
/// in the shared cache; a lost one is fetched from <c>api_get_authorizer_info</c>.</para>
/// <para><see cref="SaveRefreshTokenAsync"/> is called after each refresh or authorization that returns a refresh token, before
/// the new access token is used, and may be called from several threads at once (for different accounts). A failure is logged
/// (event 14) and does not fail the call: the token is still in memory and in the shared cache. Implementations must be thread-safe.
/// Security: refresh tokens are credentials; store them as such.</para>
/// </remarks>
public interface IWeChatRefreshTokenStore
{
    /// <summary>Reads the stored refresh token of an account.</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The refresh token, or <see langword="null"/> when none is stored.</returns>
    ValueTask<string?> GetRefreshTokenAsync(string componentAppId, string authorizerAppId, CancellationToken cancellationToken);

    /// <summary>Stores the latest refresh token of an account, replacing the one stored before.</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="refreshToken">The refresh token WeChat returned last.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the refresh token is stored.</returns>
    ValueTask SaveRefreshTokenAsync(string componentAppId, string authorizerAppId, string refreshToken, CancellationToken cancellationToken);
}
