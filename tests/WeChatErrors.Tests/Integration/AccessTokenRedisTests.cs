using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Integration;

/// <summary>Several "instances" (service providers) sharing tokens through a real Redis (Microsoft.Extensions.Caching.StackExchangeRedis).</summary>
public sealed class AccessTokenRedisTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const string AppId = "wxr0000000000000r1";
    private const string Secret = "SECRET_R_3c9f1a7e5d";

    private readonly RedisFixture _redis;
    private readonly string _prefix = $"WeChatErrors.Tests:{Guid.NewGuid():N}:";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private FakeWeChatServer _server = null!;
    private FakeTokenIssuer _tokens = null!;

    public AccessTokenRedisTests(RedisFixture redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueTokens(_time).AddApp(AppId, Secret);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoInstances_SharingRedis_FetchOneTokenBetweenThem()
    {
        await using var first = BuildInstance();
        await using var second = BuildInstance();

        await Call(first);
        await Call(second);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Call(i % 2 == 0 ? first : second)));

        Assert.Equal(1, _tokens.FetchesOf(AppId));
    }

    [Fact]
    public async Task Restart_ReusesTheCachedToken()
    {
        await using (var before = BuildInstance())
        {
            await Call(before);
        }

        await using var after = BuildInstance();
        await Call(after);

        Assert.Equal(1, _tokens.FetchesOf(AppId));
    }

    [Fact]
    public async Task StaleTokenInFleet_OneInstanceRefreshes_TheOtherTakesItFromRedis()
    {
        await using var first = BuildInstance();
        await using var second = BuildInstance();
        await Call(first);
        await Call(second);
        _tokens.Rotate(AppId);

        await Call(first);
        await Call(second);

        Assert.Equal(2, _tokens.FetchesOf(AppId));
        var logs = first.GetFakeLogCollector().GetSnapshot().Concat(second.GetFakeLogCollector().GetSnapshot()).ToArray();
        Assert.Equal(2, logs.Count(r => r.Id.Name == "WeChatTokenRefreshed"));
        Assert.DoesNotContain(logs, r => r.Id.Name == "WeChatTokenCacheFailed");
        foreach (var token in _tokens.IssuedTokens)
        {
            Assert.All(logs.Where(r => !FactoryUrlLogs.IsPassedBy(r.Category)), r => Assert.DoesNotContain(token, r.Message, StringComparison.Ordinal));
        }
    }

    private static async Task Call(ServiceProvider instance)
    {
        var http = instance.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
        using var response = await http.GetAsync(FakeWeChatScenarios.TokenChecked);
        response.EnsureSuccessStatusCode();
    }

    private ServiceProvider BuildInstance()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddStackExchangeRedisCache(o => o.Configuration = _redis.Configuration);
        services.AddWeChatAccessTokens(AppId, o =>
        {
            o.AppSecret = Secret;
            o.BaseAddress = _server.BaseAddress;
            o.UseDistributedCache = true;
            o.DistributedCacheKeyPrefix = _prefix;
        });
        services.AddHttpClient("wechat", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(AppId).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }
}
