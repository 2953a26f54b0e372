using Polly;
using WeChatErrors.Http.Internal;

namespace WeChatErrors.Tests.Http.Internal;

public sealed class CallProgressTests
{
    [Fact]
    public void New_IsTheFirstAttempt_NothingUsed()
    {
        var progress = new CallProgress();

        Assert.Equal(1, progress.Attempt);
        Assert.Equal(0, progress.TransientRetries);
        Assert.Equal(0, progress.RateLimitRetries);
        Assert.Equal(TimeSpan.Zero, progress.RateLimitWaited);
        Assert.False(progress.TokenRefreshFailed);
    }

    [Fact]
    public void Retrying_Transient_CountsTheAttemptAndTheTransientRetry_NotTheWait()
    {
        var progress = new CallProgress();

        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(400));

        Assert.Equal(3, progress.Attempt);
        Assert.Equal(2, progress.TransientRetries);
        Assert.Equal(0, progress.RateLimitRetries);
        Assert.Equal(TimeSpan.Zero, progress.RateLimitWaited);
    }

    [Fact]
    public void Retrying_RateLimit_CountsTheRetryAndAddsUpTheWaits()
    {
        var progress = new CallProgress();

        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(45.5));
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(12));

        Assert.Equal(4, progress.Attempt);
        Assert.Equal(1, progress.TransientRetries);
        Assert.Equal(2, progress.RateLimitRetries);
        Assert.Equal(TimeSpan.FromSeconds(57.5), progress.RateLimitWaited);
    }

    [Fact]
    public void ResendingWithNewToken_AttemptGoesOn_RetriesStartANewRound()
    {
        var progress = new CallProgress();
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(45));

        progress.ResendingWithNewToken();

        Assert.Equal(4, progress.Attempt);
        Assert.Equal(0, progress.TransientRetries);
        Assert.Equal(0, progress.RateLimitRetries);
        Assert.Equal(TimeSpan.Zero, progress.RateLimitWaited);

        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        Assert.Equal(5, progress.Attempt);
        Assert.Equal(1, progress.TransientRetries);
    }

    [Fact]
    public void TokenRefreshFailure_IsKept_ANewRoundDoesNotClearIt()
    {
        var progress = new CallProgress();

        progress.TokenRefreshFailure();
        progress.ResendingWithNewToken();

        Assert.True(progress.TokenRefreshFailed);
        Assert.Equal(2, progress.Attempt);
    }

    [Fact]
    public void Of_CreatesOnceAndKeepsItInTheContext_PeekDoesNotCreate()
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            Assert.Null(CallProgress.Peek(context));
            Assert.Equal(1, CallProgress.AttemptOf(context));
            Assert.Null(CallProgress.Peek(context));

            var progress = CallProgress.Of(context);
            progress.Retrying(rateLimit: false, TimeSpan.Zero);

            Assert.Same(progress, CallProgress.Of(context));
            Assert.Same(progress, CallProgress.Peek(context));
            Assert.Equal(2, CallProgress.AttemptOf(context));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
