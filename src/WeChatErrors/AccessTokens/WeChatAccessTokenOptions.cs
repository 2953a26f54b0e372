using System.ComponentModel.DataAnnotations;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors;

/// <summary>
/// The settings of one app for the built-in access token source registered with <c>AddWeChatAccessTokens</c>.
/// The options are named after the AppID, so each app of an application has its own.
/// </summary>
public sealed class WeChatAccessTokenOptions
{
    /// <summary>Gets or sets the AppID.</summary>
    /// <value>Set by <c>AddWeChatAccessTokens(appId, ...)</c> to the AppID the options are registered for; it must stay equal to it.</value>
    [Required]
    public string AppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the AppSecret.</summary>
    /// <value>No default: it must be set.</value>
    /// <remarks>
    /// Security: the secret is sent only to the token endpoint (in the POST body for <see cref="WeChatAccessTokenEndpoint.StableToken"/>),
    /// never stored in the shared cache, and never written to a log, an exception or a metric. Keep it out of source control
    /// (user secrets, environment variables or a key vault).
    /// </remarks>
    [Required]
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the address of the WeChat API that issues the tokens.</summary>
    /// <value>The default value is <c>https://api.weixin.qq.com/</c>.</value>
    [Required]
    public Uri BaseAddress { get; set; } = new(WeChatAccessTokenDefaults.BaseAddress);

    /// <summary>Gets or sets the API the tokens come from.</summary>
    /// <value>The default value is <see cref="WeChatAccessTokenEndpoint.StableToken"/>.</value>
    /// <remarks>With <see cref="WeChatAccessTokenEndpoint.ClientCredential"/>, run a single instance per AppID or share the
    /// token through <see cref="UseDistributedCache"/>: each instance that fetches its own token knocks out the others'.</remarks>
    public WeChatAccessTokenEndpoint Endpoint { get; set; } = WeChatAccessTokenEndpoint.StableToken;

    /// <summary>Gets or sets how long before its expiry a cached token is replaced.</summary>
    /// <value>The default value is 3 minutes. Between 00:00:00 and 00:30:00.</value>
    /// <remarks>
    /// The stable-token API renews a token in its last 5 minutes, so a margin under 5 minutes gets a fresh token at once.
    /// Whatever the margin, a token is kept for at least half of its <c>expires_in</c>, so a short-lived token is not fetched in a loop.
    /// </remarks>
    public TimeSpan RefreshBeforeExpiry { get; set; } = WeChatAccessTokenDefaults.RefreshBeforeExpiry;

    /// <summary>Gets or sets a value indicating whether tokens are shared through the <c>IDistributedCache</c> registered in the container.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// <para>With a shared cache (for example Redis through <c>AddStackExchangeRedisCache</c>), a fleet of instances fetches one token
    /// between them, and a restarted instance reuses the cached one. The cache is a second level: each instance still keeps the
    /// token in memory, and a cache that fails is logged and bypassed.</para>
    /// <para>Security: the cache entry holds the access token (never the AppSecret). Protect the cache like any credential store.</para>
    /// </remarks>
    public bool UseDistributedCache { get; set; }

    /// <summary>Gets or sets the start of the shared cache keys; the endpoint and the AppID follow it.</summary>
    /// <value>The default value is <c>WeChatErrors:AccessToken:</c>.</value>
    [Required]
    public string DistributedCacheKeyPrefix { get; set; } = WeChatAccessTokenDefaults.DistributedCacheKeyPrefix;
}
