using WeChatErrors.Tests.TestSupport;
using static WeChatErrors.Tests.TestSupport.TokenEndpointFake;

namespace WeChatErrors.Tests.AccessTokens.Internal;

public sealed class AccessTokenCacheTests : IDisposable
{
    private readonly TokenEndpointFake _endpoint = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public async Task ConcurrentCalls_OneFetch_AllGetItsToken()
    {
        _endpoint.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 50).Select(_ => _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None).AsTask()).ToArray();
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        _endpoint.Gate.SetResult();
        var tokens = await Task.WhenAll(calls);

        Assert.All(tokens, t => Assert.Equal("T1", t));
        Assert.Equal(1, _endpoint.Fetches);
        Assert.Equal(1, _endpoint.Cache.Fetches);
    }

    [Fact]
    public async Task CachedToken_ReturnedUntilRefreshAt_ThenFetchedAgain()
    {
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));

        // expires_in 7200 s less RefreshBeforeExpiry (3 min): replaced from 7020 s on.
        _endpoint.Time.Advance(TimeSpan.FromSeconds(7020) - TimeSpan.FromTicks(1));
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(1, _endpoint.Fetches);

        _endpoint.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(2, _endpoint.Fetches);
    }

    [Fact]
    public async Task ShortLivedToken_KeptForHalfItsLifetime()
    {
        // 200 s less the 3 min margin would be 20 s: a token is kept for at least half of expires_in.
        _endpoint.ExpiresIn = 200;
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));

        _endpoint.Time.Advance(TimeSpan.FromSeconds(99));
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        _endpoint.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
    }

    [Fact]
    public async Task InvalidateAsync_OnlyTheFailedToken()
    {
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));

        await _endpoint.Cache.InvalidateAsync(AppId, "T0", CancellationToken.None);
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(1, _endpoint.Fetches);

        await _endpoint.Cache.InvalidateAsync(AppId, "T1", CancellationToken.None);
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(2, _endpoint.Fetches);

        // A caller still reporting the token replaced before does not knock out the new one.
        await _endpoint.Cache.InvalidateAsync(AppId, "T1", CancellationToken.None);
        Assert.Equal("T2", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(2, _endpoint.Fetches);
    }

    [Fact]
    public async Task CallerCancels_SharedFetchGoesOn_ForTheOthersAndTheCache()
    {
        _endpoint.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var cancelled = _endpoint.Cache.GetTokenAsync(AppId, cts.Token).AsTask();
        var waiting = _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None).AsTask();

        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.False(waiting.IsCompleted);

        _endpoint.Gate.SetResult();
        Assert.Equal("T1", await waiting);
        Assert.Equal("T1", await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None));
        Assert.Equal(1, _endpoint.Fetches);
    }

    [Fact]
    public async Task TryGetCachedToken_TheCurrentTokenUntilItExpires_NeverFetches()
    {
        Assert.False(_endpoint.Cache.TryGetCachedToken(AppId, out _));
        Assert.Equal(0, _endpoint.Fetches);

        await _endpoint.Cache.GetTokenAsync(AppId, CancellationToken.None);
        _endpoint.Time.Advance(TimeSpan.FromSeconds(7199));
        Assert.True(_endpoint.Cache.TryGetCachedToken(AppId, out var token));
        Assert.Equal("T1", token);

        _endpoint.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_endpoint.Cache.TryGetCachedToken(AppId, out _));
        Assert.Equal(1, _endpoint.Fetches);
    }
}
