using System.ComponentModel.DataAnnotations;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.OpenPlatform.Internal;

namespace WeChatErrors;

/// <summary>
/// The settings of one third-party platform (第三方平台) of the WeChat open platform, for the token sources registered with
/// <c>AddWeChatOpenPlatform</c>. The options are named after the platform's AppID (<c>component_appid</c>).
/// </summary>
public sealed class WeChatOpenPlatformOptions
{
    /// <summary>Gets or sets the platform's AppID (<c>component_appid</c>).</summary>
    /// <value>Set by <c>AddWeChatOpenPlatform(componentAppId, ...)</c> to the AppID the options are registered for; it must stay equal to it.</value>
    [Required]
    public string ComponentAppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the platform's AppSecret (<c>component_appsecret</c>).</summary>
    /// <value>No default: it must be set.</value>
    /// <remarks>Security: it is sent only in the body of <c>api_component_token</c> and <c>api_start_push_ticket</c>, never stored in
    /// the shared cache, never written to a log, an exception or a metric.</remarks>
    [Required]
    public string ComponentAppSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the address of the WeChat API.</summary>
    /// <value>The default value is <c>https://api.weixin.qq.com/</c>.</value>
    [Required]
    public Uri BaseAddress { get; set; } = new(WeChatAccessTokenDefaults.BaseAddress);

    /// <summary>Gets or sets how long before its expiry a component or authorizer token is replaced.</summary>
    /// <value>The default value is 10 minutes (WeChat's guide refreshes a 2-hour token after 1 hour 50 minutes). Between 00:00:00 and 00:30:00.</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = WeChatOpenPlatformDefaults.RefreshBeforeExpiry;

    /// <summary>Gets or sets a value indicating whether tickets, tokens and refresh tokens are shared through the registered <c>IDistributedCache</c>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// <para>Turn it on whenever more than one instance serves the platform: a ticket handed to one instance then serves all of
    /// them, an authorizer is refreshed once between them (the refresh is guarded by a short lock entry in the cache), and a
    /// rotated refresh token is seen by every instance. A cache that fails or does not answer within a second is bypassed and then
    /// skipped for 30 seconds, as for <see cref="WeChatAccessTokenOptions.UseDistributedCache"/>.</para>
    /// <para>Security: the entries hold tickets, tokens and refresh tokens (never the AppSecret). Protect the cache like any
    /// credential store. A refresh token lost with the cache (a Redis restart) is fetched again from <c>api_get_authorizer_info</c>.</para>
    /// </remarks>
    public bool UseDistributedCache { get; set; }

    /// <summary>Gets or sets the start of the shared cache keys.</summary>
    /// <value>The default value is <c>WeChatErrors:OpenPlatform:</c>.</value>
    [Required]
    public string DistributedCacheKeyPrefix { get; set; } = WeChatOpenPlatformDefaults.DistributedCacheKeyPrefix;
}
