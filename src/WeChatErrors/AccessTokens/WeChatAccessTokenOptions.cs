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
    /// token in memory, and a cache that fails or does not answer within <see cref="DistributedCacheTimeout"/> is bypassed, then
    /// skipped for <see cref="DistributedCacheBreakDuration"/> (logged once).</para>
    /// <para>Security: the cache entry holds the access token (never the AppSecret). Protect the cache like any credential store.</para>
    /// </remarks>
    public bool UseDistributedCache { get; set; }

    /// <summary>Gets or sets the start of the shared cache keys; the endpoint and the AppID follow it.</summary>
    /// <value>The default value is <c>WeChatErrors:AccessToken:</c>.</value>
    [Required]
    public string DistributedCacheKeyPrefix { get; set; } = WeChatAccessTokenDefaults.DistributedCacheKeyPrefix;

    /// <summary>Gets or sets how long one read, write or removal in the shared cache may take before the call goes on without it.</summary>
    /// <value>The default value is 1 second. Greater than 00:00:00, at most 00:00:30.</value>
    /// <remarks>
    /// <para>The timeout is the library's own, whatever the caller's token and the cache client's own timeouts (StackExchange.Redis
    /// waits 5 seconds per attempt to connect): when it runs out, the token comes from memory or from WeChat, and the unfinished
    /// cache call is left to end on its own. A healthy Redis answers in a few milliseconds; the default leaves room for a first
    /// connection and a busy server, because a token fetched in its place is not free (with
    /// <see cref="WeChatAccessTokenEndpoint.ClientCredential"/>, it knocks out the other instances' token).</para>
    /// </remarks>
    public TimeSpan DistributedCacheTimeout { get; set; } = WeChatAccessTokenDefaults.DistributedCacheTimeout;

    /// <summary>Gets or sets how long the shared cache is skipped after it failed or did not answer in time.</summary>
    /// <value>The default value is 30 seconds. Between 00:00:00 and 01:00:00.</value>
    /// <remarks>
    /// While the cache is skipped, tokens come from memory or from WeChat at no cost from the cache. When the period is over, one
    /// call tries the cache again (the others still skip it); its success ends the skip. So a cache that is down or hangs costs
    /// at most about <see cref="DistributedCacheTimeout"/> once per period and AppID. <c>00:00:00</c> retries on the next call.
    /// </remarks>
    public TimeSpan DistributedCacheBreakDuration { get; set; } = WeChatAccessTokenDefaults.DistributedCacheBreakDuration;

    /// <summary>Gets or sets the whole key of the shared entry, for a token that is not an app's (a third-party platform's own token).</summary>
    internal string? SharedCacheKey { get; set; }
}
