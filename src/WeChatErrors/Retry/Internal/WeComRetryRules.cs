namespace WeChatErrors.Retry.Internal;

/// <summary>How the handler may send a request again after a WeCom (企业微信) error, from WeCom's own rules.</summary>
internal enum WeComRetry
{
    /// <summary>Never sent again by the handler.</summary>
    None = 0,

    /// <summary>Sent again with backoff where the endpoint makes a resend safe: the call may have run (<c>-1</c>, <c>6000</c>).</summary>
    Backoff,

    /// <summary>Sent again with backoff on every endpoint but a one-time code exchange: the call was refused before it ran (<c>45033</c>).</summary>
    BackoffRefusedBeforeRun,
}

/// <summary>
/// WeCom's retry rules, read from its 全局错误码 page: what the handler retries after a WeCom error and how often. WeCom's
/// numbers are a code space of their own, so none of the WeChat rules (45011's minute wait, 45009 as a daily quota, the
/// WeChat code sets of the options) applies to them.
/// </summary>
internal static class WeComRetryRules
{
    /// <summary>The most retries after a transient WeCom error: the page says of <c>-1</c> 建议重试次数不超过3次 (at most 3).</summary>
    public const int MaxTransientRetries = 3;

    /// <summary>
    /// Concurrency limits (45033 接口并发调用超过限制, per corp and API; 301096 创建打卡规则并发超限): WeCom refused the call before it
    /// ran, and the limit frees as the calls in flight finish, within the time of a call. Retried with the backoff delays and
    /// their jitter, which spread the concurrent callers apart. 41078 (too many running moment tasks) is not one of them: its
    /// tasks run far longer than a backoff.
    /// </summary>
    private static readonly HashSet<int> ConcurrencyLimits = [45033, 301096];

    /// <summary>Returns how a WeCom error may be retried.</summary>
    /// <remarks>
    /// <para>Transient codes (<c>-1</c> 系统繁忙, <c>6000</c> 数据版本冲突 and the like) get backoff, at most
    /// <see cref="MaxTransientRetries"/> times; the endpoint table (<see cref="WeComResendSafety"/>) decides where a resend is safe.</para>
    /// <para>Every other rate limit, <c>45009</c> first, is not retried: its block lasts as long as the limit's window (a minute, an
    /// hour, a day or a month), the window is not in the body, and the block may start when the limit is hit rather than at a
    /// clock minute. No wait within a request is known to be long enough, a resend only spends more of the limit, and a burst of
    /// callers waiting a minute would return together. The caller gets <see cref="WeChatRateLimitException"/> at once, with
    /// <see cref="WeChatRateLimitException.RetryAfter"/> <see langword="null"/> (not known).</para>
    /// <para><c>40001</c> (wrong corpsecret) and the other configuration, permission and request codes are never retried.</para>
    /// </remarks>
    public static WeComRetry Classify(int code, WeChatErrorKind kind) => kind switch
    {
        WeChatErrorKind.Transient => WeComRetry.Backoff,
        WeChatErrorKind.RateLimit when ConcurrencyLimits.Contains(code) => WeComRetry.BackoffRefusedBeforeRun,
        _ => WeComRetry.None,
    };
}
