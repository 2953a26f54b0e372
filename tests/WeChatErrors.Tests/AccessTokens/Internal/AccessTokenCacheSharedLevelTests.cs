using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Tests.TestSupport;
using static WeChatErrors.Tests.TestSupport.TokenEndpointFake;

namespace WeChatErrors.Tests.AccessTokens.Internal;

/// <summary>The token source with a shared cache that hangs: tokens come from WeChat within the timeout, then without waiting.</summary>
public sealed class AccessTokenCacheSharedLevelTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(TestErrors.Now);
    private readonly FakeDistributedCache _shared = new() { Behavior = FakeCacheBehavior.Hang };
    private readonly TokenEndpointFake _endpoint;

    public AccessTokenCacheSharedLevelTests() =>
        _endpoint = new TokenEndpointFake(services => services
            .AddFakeLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IDistributedCache>(_shared)
            .Configure<WeChatAccessTokenOptions>(AppId, o => o.UseDistributedCache = true));

    public void Dispose()
    {
        _endpoint.Dispose();
        _shared.Dispose();
    }

    [Fact]
    public async Task HangingCache_FirstLoadWaitsTheTimeout_LaterLoadsSkipIt_UntilTheBreakIsOver()
    {
        var first = _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None).AsTask();
        await _shared.WaitForCallsAsync(1);
        Assert.False(first.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("T1", await first);
        Assert.Equal(1, _shared.Calls);

        // Within the break: invalidating and loading again do not wait for the cache, nor call it.
        var invalidate = _endpoint.Cache.InvalidateAsync(AppId, "T1", CancellationToken.None);
        Assert.True(invalidate.IsCompletedSuccessfully);
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(1, _shared.Calls);

        // After it: one load reads the cache again (a miss), fetches and shares the token.
        _shared.Behavior = FakeCacheBehavior.Answer;
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _endpoint.Cache.InvalidateAsync(AppId, "T2", CancellationToken.None);
        Assert.Equal("T3", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(4, _shared.Calls);
        Assert.Equal(3, _endpoint.Fetches);

        var logs = _endpoint.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id is 6 or 7).Select(r => r.Id.Id);
        Assert.Equal([6, 7], logs);
    }
}
