using WeChatErrors.Shared;

namespace WeChatErrors.Retry.Internal;

/// <summary>
/// Decides whether a WeChat error is worth another attempt and how long to wait first.
/// </summary>
internal sealed class WeChatRetryPolicy
{
    private readonly WeChatRetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    public WeChatRetryPolicy(WeChatRetryOptions options, TimeProvider timeProvider, Func<double>? random = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _random = random ?? ThreadSafeRandom.NextDouble;
    }

    /// <summary>Gets the most retries any error can get, or 0 when the policy never retries.</summary>
    public int MaxRetries => _options.Enabled ? Math.Max(_options.MaxRetryAttempts, _options.MaxRateLimitRetryAttempts) : 0;

    /// <summary>Returns whether the error is of a kind this policy retries at all (its limits aside).</summary>
    public bool MayRetry(WeChatApiException error)
    {
        var code = (int)error.ErrorCode;
        return _options.Enabled
            && !_options.NonRetryErrorCodes.Contains(code)
            && (error.Kind is WeChatErrorKind.RateLimit or WeChatErrorKind.Transient || _options.AdditionalRetryErrorCodes.Contains(code));
    }

    /// <summary>Returns the delay before the next attempt, or <see langword="null"/> when the error must reach the caller now.</summary>
    public TimeSpan? GetDelay(WeChatApiException error, RetryState state)
    {
        if (!MayRetry(error))
        {
            return null;
        }

        return error.Kind == WeChatErrorKind.RateLimit ? GetRateLimitDelay(state) : GetBackoffDelay(state);
    }

    private TimeSpan? GetBackoffDelay(RetryState state)
    {
        if (state.TransientRetries >= _options.MaxRetryAttempts)
        {
            return null;
        }

        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, state.TransientRetries);
        if (_options.UseJitter)
        {
            // Spread retries over 80%..120% of the nominal delay so that clients hit by the same outage do not retry in step.
            exponential *= 0.8 + (0.4 * _random());
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(exponential, _options.MaxDelay.TotalMilliseconds));
        state.TransientRetries++;
        return delay;
    }

    private TimeSpan? GetRateLimitDelay(RetryState state)
    {
        if (state.RateLimitRetries >= _options.MaxRateLimitRetryAttempts)
        {
            return null;
        }

        var delay = MinuteWindow.UntilNext(_timeProvider.GetUtcNow()) + TimeSpan.FromMilliseconds(_options.RateLimitJitter.TotalMilliseconds * _random());
        if (state.RateLimitWaited + delay > _options.MaxRateLimitWait)
        {
            return null;
        }

        state.RateLimitRetries++;
        state.RateLimitWaited += delay;
        return delay;
    }
}
