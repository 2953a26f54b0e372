using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Http.Internal;
using WeChatErrors.Retry.Internal;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Retry.Internal;

/// <summary>How long the retry policy waits: backoff after a transient error, the next minute after a rate limit.</summary>
public sealed class WeChatRetryPolicyDelayTests
{
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void GetDelay_Transient_DoublesFromBaseDelay_WithoutJitter()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { UseJitter = false }, () => throw new InvalidOperationException("no jitter wanted"));
        var progress = new CallProgress();

        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.GetDelay(Error(-1, _time), progress: null));
        var delays = new List<TimeSpan>();
        for (var retry = 0; retry < 3; retry++)
        {
            var delay = policy.GetDelay(Error(-1, _time), progress);
            delays.Add(delay);
            progress.Retrying(rateLimit: false, delay);
        }

        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)], delays);
    }

    [Fact]
    public void GetDelay_Transient_CappedAtMaxDelay()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { UseJitter = false, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(5) });

        Assert.Equal(TimeSpan.FromSeconds(2), policy.GetDelay(Error(-1, _time), Progress(transient: 0)));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.GetDelay(Error(-1, _time), Progress(transient: 1)));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.GetDelay(Error(-1, _time), Progress(transient: 2)));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.GetDelay(Error(-1, _time), Progress(transient: 9)));
    }

    [Theory]
    [InlineData(0.0, 0, 160)] // 80% of 200 ms
    [InlineData(1.0, 0, 240)] // 120% of 200 ms
    [InlineData(0.5, 0, 200)]
    [InlineData(0.0, 2, 640)] // 80% of 800 ms
    [InlineData(1.0, 2, 960)] // 120% of 800 ms
    public void GetDelay_Transient_JitterBetween80And120Percent(double random, int retries, int expectedMs)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions(), () => random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.GetDelay(Error(-1, _time), Progress(transient: retries)));
    }

    [Fact]
    public void GetDelay_Transient_JitteredDelayCappedAtMaxDelay()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(5) }, () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(5), policy.GetDelay(Error(-1, _time), progress: null));
    }

    [Fact]
    public void GetDelay_Transient_RateLimitRetriesDoNotDoubleTheBackoff()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { UseJitter = false });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(45));

        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.GetDelay(Error(-1, _time), progress));
    }

    [Fact]
    public void GetDelay_AdditionalRetryErrorCode_UsesTheBackoff()
    {
        var options = new WeChatRetryOptions { UseJitter = false };
        options.AdditionalRetryErrorCodes.Add(40003);

        Assert.Equal(TimeSpan.FromMilliseconds(400), new WeChatRetryPolicy(options).GetDelay(Error(40003, _time), Progress(transient: 1)));
    }

    [Theory]
    [InlineData(0.0, 45_000)] // RetryAfter (45 s to the next minute), no jitter
    [InlineData(0.5, 45_500)]
    [InlineData(1.0, 46_000)] // RetryAfter + the whole RateLimitJitter (1 s)
    public void GetDelay_RateLimit_RetryAfterPlusJitter(double random, int expectedMs)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions(), () => random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.GetDelay(Error(45011, _time), progress: null));
    }

    [Fact]
    public void GetDelay_RateLimit_IgnoresUseJitterAndTheBackoff()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { UseJitter = false, MaxDelay = TimeSpan.FromSeconds(1), RateLimitJitter = TimeSpan.FromSeconds(2) }, () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(47), policy.GetDelay(Error(45011, _time), Progress(transient: 2)));
    }

    [Theory]
    [InlineData(45_250, 45_250)] // 0.25 s of budget left after the 45 s wait: the jitter stops there
    [InlineData(45_000, 45_000)] // nothing left: no jitter at all
    [InlineData(46_000, 46_000)]
    [InlineData(65_000, 46_000)]
    public void GetDelay_RateLimit_JitterCutAtTheBudget(int budgetMs, int expectedMs)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitWait = TimeSpan.FromMilliseconds(budgetMs) }, () => 1.0);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.GetDelay(Error(45011, _time), progress: null));
    }

    [Fact]
    public void GetDelay_RateLimit_JitterCutAtWhatIsLeftAfterEarlierWaits()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitRetryAttempts = 2, MaxRateLimitWait = TimeSpan.FromSeconds(55.5) }, () => 1.0);
        var progress = new CallProgress();
        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(10));

        // 55.5 s budget - 10 s waited - 45 s to the next minute = 0.5 s of jitter at most.
        Assert.Equal(TimeSpan.FromSeconds(45.5), policy.GetDelay(Error(45011, _time), progress));
    }

    [Fact]
    public void GetDelay_RateLimitWithoutRetryAfter_WaitsAMinute()
    {
        var error = new WeChatRateLimitException(WeChatErrorCode.ApiMinuteQuotaReached, "api minute-quota reach limit");
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions(), () => 0.0);

        Assert.Null(error.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(1), policy.GetDelay(error, progress: null));
        Assert.True(policy.ShouldRetry(error, Request(), progress: null));
    }

    private static CallProgress Progress(int transient)
    {
        var progress = new CallProgress();
        for (var i = 0; i < transient; i++)
        {
            progress.Retrying(rateLimit: false, TimeSpan.Zero);
        }

        return progress;
    }
}
