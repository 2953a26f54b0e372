using System.ComponentModel.DataAnnotations;
using WeChatErrors.Retry.Internal;

namespace WeChatErrors;

/// <summary>
/// How <see cref="WeChatErrorHandler"/> sends a request again after a WeChat error that a later attempt can fix.
/// </summary>
/// <remarks>
/// <para>
/// Codes of kind <see cref="WeChatErrorKind.Transient"/> (<c>-1</c> system busy and its relatives) are retried with exponential backoff and jitter.
/// Codes of kind <see cref="WeChatErrorKind.RateLimit"/> (<c>45011</c>, the per-minute limit) are retried once the next minute has started, plus jitter,
/// as long as the total wait stays within <see cref="MaxRateLimitWait"/>.
/// </para>
/// <para>
/// Nothing else is ever retried by default: not <c>45009</c> (the daily quota: a retry only burns more of it), not token errors
/// (the token must change first), not configuration or permission errors.
/// </para>
/// <para>
/// WeCom (企业微信) answers follow WeCom's rules: transient codes (<c>-1</c>, <c>6000</c> data version conflict) with the same
/// backoff, at most 3 times whatever <see cref="MaxRetryAttempts"/> allows beyond that; <c>45033</c> (concurrency limit) with
/// backoff; WeCom's <c>45009</c> (a frequency limit whose window is not in the body) and <c>40001</c> (wrong corpsecret) never.
/// </para>
/// </remarks>
public sealed class WeChatRetryOptions
{
    /// <summary>Gets or sets a value indicating whether the handler retries at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    /// <remarks>Turn retries off for one request with <see cref="WeChatHttpRequestMessageExtensions.DisableWeChatRetry(HttpRequestMessage)"/>.</remarks>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a message to one user (<c>message/custom/send</c>, <c>message/template/send</c>,
    /// <c>message/subscribe/send</c> and the like) is sent again after a transient error.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: WeChat does not say whether a send that failed with <c>-1</c> was
    /// delivered, so a resend may deliver the message twice.</value>
    /// <remarks>
    /// Opt in for one request with <see cref="WeChatHttpRequestMessageExtensions.AllowWeChatMessageRetry(HttpRequestMessage)"/>.
    /// Mass sends (<c>message/mass/*</c>) are never sent again after a transient error, and one-time code exchanges
    /// (<c>sns/oauth2/access_token</c>, <c>jscode2session</c>) never at all, whatever this says. Per-minute limits such as
    /// <c>45011</c> refused the call before it ran, and are retried on every endpoint except a code exchange.
    /// </remarks>
    public bool RetryMessageSends { get; set; }

    /// <summary>Gets or sets how many times a request that failed with a transient error (such as <c>-1</c>) is sent again.</summary>
    /// <value>The default value is 3. Zero disables these retries.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = WeChatRetryDefaults.MaxRetryAttempts;

    /// <summary>Gets or sets the delay before the first retry after a transient error; each further retry doubles it.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan BaseDelay { get; set; } = WeChatRetryDefaults.BaseDelay;

    /// <summary>Gets or sets the longest single delay between two attempts after a transient error.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = WeChatRetryDefaults.MaxDelay;

    /// <summary>Gets or sets a value indicating whether random jitter is applied to the backoff delays, so that many clients do not retry in step.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets how many times a request rejected by a per-minute rate limit (such as <c>45011</c>) is sent again.</summary>
    /// <value>The default value is 1. Zero disables these retries: the caller gets <see cref="WeChatRateLimitException"/> at once.</value>
    [Range(0, 5)]
    public int MaxRateLimitRetryAttempts { get; set; } = WeChatRetryDefaults.MaxRateLimitRetryAttempts;

    /// <summary>Gets or sets the most time the handler may spend waiting for rate-limit windows, over the retries of one round (a resend with a new access token starts a new round).</summary>
    /// <value>The default value is 65 seconds: enough to reach the next minute from anywhere in the current one.</value>
    /// <remarks>
    /// When the wait until the next minute would go beyond what is left of this budget, the handler does not wait: the caller
    /// gets <see cref="WeChatRateLimitException"/> at once, with <see cref="WeChatRateLimitException.RetryAfter"/> set. The
    /// jitter (<see cref="RateLimitJitter"/>) is cut to what is left, so the waits never add up to more than the budget.
    /// Set it lower in request paths that must answer quickly.
    /// </remarks>
    public TimeSpan MaxRateLimitWait { get; set; } = WeChatRetryDefaults.MaxRateLimitWait;

    /// <summary>Gets or sets the largest random delay added after the start of the next minute before a rate-limited request is sent again.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RateLimitJitter { get; set; } = WeChatRetryDefaults.RateLimitJitter;

    /// <summary>Gets the error codes that are retried with backoff in addition to the transient ones.</summary>
    /// <value>Empty by default.</value>
    /// <remarks>WeChat codes only (a WeCom answer follows WeCom's rules). Codes of kind <see cref="WeChatErrorKind.DailyQuota"/> and <see cref="WeChatErrorKind.AccessToken"/> are refused here by validation.</remarks>
    public ISet<int> AdditionalRetryErrorCodes { get; } = new HashSet<int>();

    /// <summary>Gets the WeChat error codes that are never retried, even when their kind is.</summary>
    /// <value>Empty by default.</value>
    /// <remarks>WeChat codes only: a WeCom answer is read in WeCom's code space, see <see cref="WeComNonRetryErrorCodes"/>.</remarks>
    public ISet<int> NonRetryErrorCodes { get; } = new HashSet<int>();

    /// <summary>Gets the WeCom (企业微信) error codes that are never retried, even when WeCom's rules would retry them (<c>-1</c>, <c>6000</c>, <c>45033</c>).</summary>
    /// <value>Empty by default.</value>
    public ISet<int> WeComNonRetryErrorCodes { get; } = new HashSet<int>();
}
