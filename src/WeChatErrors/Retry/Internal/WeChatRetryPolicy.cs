using WeChatErrors.Http.Internal;
using WeChatErrors.Shared;

namespace WeChatErrors.Retry.Internal;

/// <summary>
/// Decides, without changing anything, whether a WeChat error is worth another attempt and how long to wait first. The
/// counts it reads are the call's <see cref="CallProgress"/>, which the retry strategy's <c>OnRetry</c> keeps.
/// </summary>
internal sealed class WeChatRetryPolicy
{
    private readonly WeChatRetryOptions _options;
    private readonly Func<double> _random;

    public WeChatRetryPolicy(WeChatRetryOptions options, Func<double>? random = null)
    {
        _options = options;
        _random = random ?? ThreadSafeRandom.NextDouble;
    }

    /// <summary>Gets the most retries one round can make (both budgets), or 0 when the policy never retries.</summary>
    public int MaxRetries => _options.Enabled ? _options.MaxRetryAttempts + _options.MaxRateLimitRetryAttempts : 0;

    /// <summary>Returns whether the error is of a kind this policy retries at all, budgets aside.</summary>
    /// <remarks>A WeCom error follows WeCom's rules (<see cref="WeComRetryRules"/>); the WeChat code sets of the options do not apply to it.</remarks>
    public bool IsRetryable(WeChatApiException error)
    {
        var code = error.Details.Code;
        if (!_options.Enabled)
        {
            return false;
        }

        if (error.Product == WeChatProduct.WeCom)
        {
            return !_options.WeComNonRetryErrorCodes.Contains(code) && WeComRetryRules.Classify(code, error.Kind) != WeComRetry.None;
        }

        return !_options.NonRetryErrorCodes.Contains(code)
            && (IsRateLimit(error) || error.Kind == WeChatErrorKind.Transient || (_options.AdditionalRetryErrorCodes.Contains(code) && !CannotHeal(code)));
    }

    /// <summary>
    /// Returns whether sending the same request again cannot succeed: a used-up quota (45009: a resend only uses up more),
    /// a token error (the token must change first). Never retried, even when listed in AdditionalRetryErrorCodes by a handler
    /// created without the options validation of dependency injection.
    /// </summary>
    private static bool CannotHeal(int code) => WeChatErrorCodes.GetKind(code) is WeChatErrorKind.DailyQuota or WeChatErrorKind.AccessToken or WeChatErrorKind.Success;

    /// <summary>Returns whether the error is retried after the next minute starts (a WeChat per-minute limit) rather than with backoff.</summary>
    public static bool IsRateLimit(WeChatApiException error) => error.Kind == WeChatErrorKind.RateLimit && error.Product == WeChatProduct.WeChat;

    /// <summary>
    /// Returns whether the error is retried now: it is retryable, a resend is safe for the endpoint (<see cref="ResendSafety"/>,
    /// or <see cref="WeComResendSafety"/> for WeCom), its budget is not used up and its wait fits.
    /// </summary>
    public bool ShouldRetry(WeChatApiException error, HttpRequestMessage? request, CallProgress? progress)
    {
        var weCom = error.Product == WeChatProduct.WeCom;
        if (!IsRetryable(error) || (!weCom && ResendSafety.IsDuplicateGuard(error.Details.Code)) || request?.IsWeChatRetryDisabled() == true)
        {
            return false;
        }

        // Without the request (a pipeline of the caller's own, around HttpClient), the path of the error's redacted URL decides.
        var uri = request?.RequestUri ?? (Uri.TryCreate(error.RequestUri, UriKind.Absolute, out var redacted) ? redacted : null);
        var endpoint = weCom ? WeComResendSafety.Classify(uri) : ResendSafety.Classify(uri);
        if (endpoint == ResendPolicy.Never)
        {
            return false;
        }

        if (IsRateLimit(error))
        {
            return (progress?.RateLimitRetries ?? 0) < _options.MaxRateLimitRetryAttempts
                && (progress?.RateLimitWaited ?? TimeSpan.Zero) + UntilNextMinute(error) <= _options.MaxRateLimitWait;
        }

        // A transient failure may have been processed: resend a delivery only where it cannot reach anyone twice, or on opt-in.
        // A WeCom concurrency limit refused the call before it ran, as a WeChat rate limit does.
        var refusedBeforeRun = weCom && WeComRetryRules.Classify(error.Details.Code, error.Kind) == WeComRetry.BackoffRefusedBeforeRun;
        var safe = refusedBeforeRun
            || endpoint == ResendPolicy.Safe
            || (endpoint == ResendPolicy.OptIn && (_options.RetryMessageSends || request?.IsWeChatMessageRetryAllowed() == true));
        var budget = weCom ? Math.Min(_options.MaxRetryAttempts, WeComRetryRules.MaxTransientRetries) : _options.MaxRetryAttempts;
        return safe && (progress?.TransientRetries ?? 0) < budget;
    }

    /// <summary>Returns the wait before the retry of an error that <see cref="ShouldRetry"/> accepted.</summary>
    public TimeSpan GetDelay(WeChatApiException error, CallProgress? progress)
    {
        if (IsRateLimit(error))
        {
            // The jitter spreads clients over the new minute, but never past what is left of the wait budget.
            var wait = UntilNextMinute(error);
            var left = _options.MaxRateLimitWait - (progress?.RateLimitWaited ?? TimeSpan.Zero) - wait;
            var jitter = TimeSpan.FromMilliseconds(_options.RateLimitJitter.TotalMilliseconds * _random());
            return wait + (jitter < left ? jitter : left);
        }

        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, progress?.TransientRetries ?? 0);
        if (_options.UseJitter)
        {
            // Spread retries over 80%..120% of the nominal delay so that clients hit by the same outage do not retry in step.
            exponential *= 0.8 + (0.4 * _random());
        }

        return TimeSpan.FromMilliseconds(Math.Min(exponential, _options.MaxDelay.TotalMilliseconds));
    }

    // The exception measured the time to the next minute when it was created from the answer.
    private static TimeSpan UntilNextMinute(WeChatApiException error) => (error as WeChatRateLimitException)?.RetryAfter ?? TimeSpan.FromMinutes(1);
}
