using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Integration;

/// <summary>Several "instances" sharing one WeCom application's token through a real Redis.</summary>
public sealed class WeComAccessTokenRedisTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const string Corp = "ww0000000000redis1";
    private const string App = "1000002";
    private const string Secret = "CORP_SECRET_R_9e8d7c6b5a";

    private readonly RedisFixture _redis;
    private readonly string _prefix = $"WeChatErrors.Tests:{Guid.NewGuid():N}:";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private FakeWeChatServer _server = null!;
    private FakeWeComTokenIssuer _tokens = null!;

    public WeComAccessTokenRedisTests(RedisFixture redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueWeComTokens(_time).AddApp(Corp, Secret, "r");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoInstances_SharingRedis_FetchOneTokenBetweenThem_UnderTheirOwnKey()
    {
        await using var first = BuildInstance();
        await using var second = BuildInstance();

        await Call(first);
        await Call(second);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Call(i % 2 == 0 ? first : second)));

        Assert.Equal(1, _tokens.FetchesOf(Corp, Secret));
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var entry = (string?)await redis.GetDatabase().HashGetAsync($"{_prefix}stable:wecom:{Corp}:{App}", "data");
        Assert.NotNull(entry);
        Assert.Contains(Assert.Single(_tokens.IssuedTokens), entry, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleTokenInFleet_OneInstanceRefreshes_TheOtherTakesItFromRedis()
    {
        await using var first = BuildInstance();
        await using var second = BuildInstance();
        await Call(first);
        await Call(second);
        _tokens.Invalidate(Corp, Secret);

        await Call(first);
        await Call(second);

        Assert.Equal(2, _tokens.FetchesOf(Corp, Secret));
        var logs = first.GetFakeLogCollector().GetSnapshot().Concat(second.GetFakeLogCollector().GetSnapshot()).ToArray();
        Assert.Equal(2, logs.Count(r => r.Id.Name == "WeChatTokenRefreshed"));
        Assert.DoesNotContain(logs, r => r.Id.Name == "WeChatTokenCacheFailed");
        foreach (var secret in _tokens.IssuedTokens.Append(Secret))
        {
            Assert.All(logs, r => Assert.DoesNotContain(secret, r.Message, StringComparison.Ordinal));
        }
    }

    private static async Task Call(ServiceProvider instance)
    {
        var http = instance.GetRequiredService<IHttpClientFactory>().CreateClient("wecom");
        using var response = await http.GetAsync("cgi-bin/get_api_domain_ip");
        response.EnsureSuccessStatusCode();
    }

    private ServiceProvider BuildInstance()
    {
        var address = new Uri(_server.BaseAddress, FakeWeComScenarios.Prefix);
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddStackExchangeRedisCache(o => o.Configuration = _redis.Configuration);
        services.AddWeComAccessTokens(Corp, App, o =>
        {
            o.CorpSecret = Secret;
            o.BaseAddress = address;
            o.UseDistributedCache = true;
            o.DistributedCacheKeyPrefix = _prefix;
        });
        services.AddHttpClient("wecom", c => c.BaseAddress = address).AddWeComAccessToken(Corp, App).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }
}
