using System.ComponentModel.DataAnnotations;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors;

/// <summary>
/// The settings of one WeCom (企业微信) application for the built-in token source registered with <c>AddWeComAccessTokens</c>.
/// The options are named after the corp and the application (<c>corpId:app</c>), so every application has its own.
/// </summary>
public sealed class WeComAccessTokenOptions
{
    /// <summary>Gets or sets the corp ID (corpid).</summary>
    /// <value>Set by <c>AddWeComAccessTokens(corpId, app, ...)</c>; it must stay equal to it.</value>
    [Required]
    public string CorpId { get; set; } = string.Empty;

    /// <summary>Gets or sets the application the secret belongs to: any name the caller chooses, usually its AgentId (<c>1000002</c>) or <c>contacts</c>.</summary>
    /// <value>Set by <c>AddWeComAccessTokens(corpId, app, ...)</c>; it must stay equal to it.</value>
    [Required]
    public string App { get; set; } = string.Empty;

    /// <summary>Gets or sets the application's secret (corpsecret).</summary>
    /// <value>No default: it must be set.</value>
    /// <remarks>
    /// Security: the secret travels in the query string of <c>cgi-bin/gettoken</c>; it is never stored in the shared cache and never
    /// written to a log, an exception, a metric or a trace (the request of the token client is not logged by the HTTP client factory,
    /// and every URL the library shows has <c>corpsecret=REDACTED</c>). Keep it out of source control.
    /// </remarks>
    [Required]
    public string CorpSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the address of the WeCom API that issues the tokens.</summary>
    /// <value>The default value is <c>https://qyapi.weixin.qq.com/</c>. A private deployment or a proxy may serve it elsewhere;
    /// its answers are read as WeCom answers wherever it is.</value>
    [Required]
    public Uri BaseAddress { get; set; } = new(WeComAccessTokenDefaults.BaseAddress);

    /// <summary>Gets or sets how long before its expiry a cached token is replaced.</summary>
    /// <value>The default value is 3 minutes. Between 00:00:00 and 00:30:00. A token is kept for at least half of its <c>expires_in</c>.</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = WeChatAccessTokenDefaults.RefreshBeforeExpiry;

    /// <summary>Gets or sets a value indicating whether tokens are shared through the <c>IDistributedCache</c> registered in the container.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// <c>gettoken</c> returns the same token while it is valid, so instances stay correct without a shared cache; a shared cache
    /// saves fetches (which WeCom limits) and lets a restarted instance reuse the token. The entry holds the access token, never the
    /// secret: protect the cache like any credential store. A failing cache is logged and bypassed.
    /// </remarks>
    public bool UseDistributedCache { get; set; }

    /// <summary>Gets or sets the start of the shared cache keys; <c>stable:wecom:</c>, the corp ID, <c>:</c> and the application follow it.</summary>
    /// <value>The default value is <c>WeChatErrors:AccessToken:</c>.</value>
    [Required]
    public string DistributedCacheKeyPrefix { get; set; } = WeChatAccessTokenDefaults.DistributedCacheKeyPrefix;
}
