using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.AccessTokens.Internal;

public sealed class DistributedTokenStoreTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 25, 12, 0, 15, TimeSpan.Zero);
    private readonly FakeLogger _logger = new();
    private readonly FakeTimeProvider _time = new(FetchedAt);
    private readonly WeChatAccessTokenOptions _options = new() { AppId = "wx1", AppSecret = "SECRET" };

    [Fact]
    public void Serialize_TheTokenAndItsTimes_NeverTheSecret()
    {
        var token = CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3));

        var json = Encoding.UTF8.GetString(DistributedTokenStore.Serialize(token));

        Assert.Equal("{\"access_token\":\"T1\",\"fetched_at\":1795608015000,\"expires_at\":1795615215000}", json);
    }

    [Fact]
    public void Parse_RoundTrip_SameTokenAndTimes()
    {
        var token = CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3));

        var read = DistributedTokenStore.Parse(DistributedTokenStore.Serialize(token), TimeSpan.FromMinutes(3));

        Assert.NotNull(read);
        Assert.Equal("T1", read.Token);
        Assert.Equal(FetchedAt, read.FetchedAt);
        Assert.Equal(FetchedAt.AddSeconds(7200), read.ExpiresAt);
        Assert.Equal(FetchedAt.AddSeconds(7020), read.RefreshAt);
    }

    [Fact]
    public void Parse_RefreshAtFromTheReadersMargin()
    {
        var bytes = DistributedTokenStore.Serialize(CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));

        Assert.Equal(FetchedAt.AddSeconds(6600), DistributedTokenStore.Parse(bytes, TimeSpan.FromMinutes(10))?.RefreshAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":1795608015000")]
    [InlineData("[\"T1\",1795608015000,1795615215000]")]
    [InlineData("{\"access_token\":\"\",\"fetched_at\":1795608015000,\"expires_at\":1795615215000}")]
    [InlineData("{\"access_token\":1,\"fetched_at\":1795608015000,\"expires_at\":1795615215000}")]
    [InlineData("{\"fetched_at\":1795608015000,\"expires_at\":1795615215000}")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":1795608015000,\"expires_at\":1795608015000}")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":1795608015000}")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":1795608015000,\"expires_at\":9000000000000000000}")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":-9000000000000000000,\"expires_at\":1795608015000}")]
    [InlineData("{\"access_token\":\"T1\",\"fetched_at\":1795608015000,\"expires_at\":\"1795615215000\"}")]
    [InlineData("{\"entry\":{\"access_token\":\"T1\",\"fetched_at\":1,\"expires_at\":2}}")]
    public void Parse_Unreadable_Null(string? entry) =>
        Assert.Null(DistributedTokenStore.Parse(entry is null ? null : Encoding.UTF8.GetBytes(entry), TimeSpan.FromMinutes(3)));

    [Fact]
    public void Key_PrefixEndpointAndAppId()
    {
        Assert.Equal("WeChatErrors:AccessToken:stable:wx1", DistributedTokenStore.Key(_options));
        Assert.Equal("p:token:wx1", DistributedTokenStore.Key(new WeChatAccessTokenOptions { AppId = "wx1", DistributedCacheKeyPrefix = "p:", Endpoint = WeChatAccessTokenEndpoint.ClientCredential }));
    }

    [Fact]
    public async Task SetAsync_ThenGetAsync_SameToken_ExpiringWithIt()
    {
        using var cache = new FakeDistributedCache();
        var store = new DistributedTokenStore(cache, _time, _logger);

        await store.SetAsync(_options, CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));

        Assert.Equal(TimeSpan.FromSeconds(7200), cache.Expiry["WeChatErrors:AccessToken:stable:wx1"]);
        Assert.Equal("T1", (await store.GetAsync(_options, CancellationToken.None))?.Token);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RemoveIfAsync_OnlyWhileTheEntryIsTheFailedToken()
    {
        using var cache = new FakeDistributedCache();
        var store = new DistributedTokenStore(cache, _time, _logger);
        await store.SetAsync(_options, CachedAccessToken.Create("T2", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));

        await store.RemoveIfAsync(_options, "T1", CancellationToken.None);
        Assert.Equal("T2", (await store.GetAsync(_options, CancellationToken.None))?.Token);

        await store.RemoveIfAsync(_options, "T2", CancellationToken.None);
        Assert.Null(await store.GetAsync(_options, CancellationToken.None));
    }

    [Fact]
    public async Task CallerCancels_NotSwallowed()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var cache = new FakeDistributedCache();
        var store = new DistributedTokenStore(cache, _time, _logger);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(_options, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }
}
