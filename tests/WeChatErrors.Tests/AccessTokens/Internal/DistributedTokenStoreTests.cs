using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.Tests.AccessTokens.Internal;

public sealed class DistributedTokenStoreTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 25, 12, 0, 15, TimeSpan.Zero);
    private readonly FakeLogger _logger = new();
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
        var cache = new DictionaryCache();
        var store = new DistributedTokenStore(cache, _logger);

        await store.SetAsync(_options, CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));

        Assert.Equal(TimeSpan.FromSeconds(7200), cache.Expiry["WeChatErrors:AccessToken:stable:wx1"]);
        Assert.Equal("T1", (await store.GetAsync(_options, CancellationToken.None))?.Token);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RemoveIfAsync_OnlyWhileTheEntryIsTheFailedToken()
    {
        var cache = new DictionaryCache();
        var store = new DistributedTokenStore(cache, _logger);
        await store.SetAsync(_options, CachedAccessToken.Create("T2", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));

        await store.RemoveIfAsync(_options, "T1", CancellationToken.None);
        Assert.Equal("T2", (await store.GetAsync(_options, CancellationToken.None))?.Token);

        await store.RemoveIfAsync(_options, "T2", CancellationToken.None);
        Assert.Null(await store.GetAsync(_options, CancellationToken.None));
    }

    [Fact]
    public async Task ThrowingCache_LoggedAsEvent6AndBypassed()
    {
        var store = new DistributedTokenStore(new DictionaryCache { Failure = new TimeoutException("redis down") }, _logger);

        Assert.Null(await store.GetAsync(_options, CancellationToken.None));
        await store.SetAsync(_options, CachedAccessToken.Create("T1", FetchedAt, FetchedAt.AddSeconds(7200), TimeSpan.FromMinutes(3)));
        await store.RemoveIfAsync(_options, "T1", CancellationToken.None);

        var records = _logger.Collector.GetSnapshot();
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(new EventId(6, "WeChatTokenCacheFailed"), r.Id);
            Assert.Equal(LogLevel.Warning, r.Level);
            Assert.Equal("The shared access token cache failed (TimeoutException) for wx1; going on without it", r.Message);
            Assert.Null(r.Exception);
        });
    }

    [Fact]
    public async Task CallerCancels_NotSwallowed()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var store = new DistributedTokenStore(new DictionaryCache(), _logger);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(_options, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    /// <summary>An <see cref="IDistributedCache"/> in a dictionary, or one that fails every call with <see cref="Failure"/>.</summary>
    private sealed class DictionaryCache : IDistributedCache
    {
        private readonly Dictionary<string, byte[]> _entries = [];

        public Exception? Failure { get; init; }

        public Dictionary<string, TimeSpan?> Expiry { get; } = [];

        public byte[]? Get(string key) => throw new NotSupportedException("the store reads asynchronously");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            token.ThrowIfCancellationRequested();
            Fail();
            return Task.FromResult(_entries.GetValueOrDefault(key));
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Fail();
            _entries[key] = value;
            Expiry[key] = options.AbsoluteExpirationRelativeToNow;
            return Task.CompletedTask;
        }

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            Fail();
            _entries.Remove(key);
            return Task.CompletedTask;
        }

        private void Fail()
        {
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}
