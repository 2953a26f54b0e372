using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Integration;

/// <summary>
/// A Redis that stops, was never there, or hangs, through the real client (Microsoft.Extensions.Caching.StackExchangeRedis):
/// a call waits at most about <c>DistributedCacheTimeout</c>, once per break, and the token comes from WeChat. Timeouts run on
/// real timers (the servers are real); token lifetimes and breaks on the fake clock. Without the guard each of these calls
/// took 10 to 25 seconds (the client's connect and command timeouts).
/// </summary>
public sealed class AccessTokenRedisOutageTests : IAsyncLifetime
{
    private const string AppId = "wxo0000000000000o1";
    private const string Secret = "SECRET_O_7d2c9b4e1a";

    /// <summary>
    /// What a call may take beyond the timeout on a busy, shared 2-core machine. A token fetch on loopback takes a few milliseconds,
    /// but calls that touch no cache at all were seen to take 0.6 s there; the cache's own cost is asserted by counting its calls.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Break = TimeSpan.FromMinutes(2);

    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = $"WeChatErrors.Tests:{Guid.NewGuid():N}:";
    private FakeWeChatServer _server = null!;
    private FakeTokenIssuer _tokens = null!;

    public AccessTokenRedisOutageTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueTokens(_clock).AddApp(AppId, Secret);

        // Tokens live 60 s and are kept 30 s: moving the clock 31 s makes the next call load one.
        _tokens.ExpiresIn = 60;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RedisStopsMidRun_OneCallWaitsAtMostTheTimeout_ThenNoneUntilTheBreakIsOver_ThenRedisIsUsedAgain()
    {
        using var redis = await RedisServerProcess.StartAsync();
        await WarmUpAsync(redis.Configuration);
        var fetchesBefore = _tokens.FetchesOf(AppId);
        await using var instance = BuildInstance(redis.Configuration);
        var cache = (CountingDistributedCache)instance.GetRequiredService<IDistributedCache>();
        await cache.Inner.GetAsync("connect"); // the first connection, outside the measurements
        await TimedCall(instance, "Redis up, load");
        Assert.Equal(2, cache.Calls);
        Assert.NotNull(await cache.Inner.GetAsync(Key(instance)));

        redis.Stop();
        _clock.Advance(TimeSpan.FromSeconds(31));
        var stopped = await TimedCall(instance, "Redis stopped, first load");
        Assert.True(stopped < Timeout + Slack, $"the first load after Redis stopped took {stopped}");
        Assert.Equal(3, cache.Calls);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(31));
            var skipped = await TimedCall(instance, $"Redis stopped, load {i + 2} (within the break)");
            Assert.True(skipped < Timeout, $"a load within the break took {skipped}");
        }

        Assert.Equal(3, cache.Calls);
        Assert.Equal(fetchesBefore + 5, _tokens.FetchesOf(AppId));

        Assert.True(await redis.TryStartAsync(), "redis-server did not start again on its port");
        await WaitUntilTheClientReconnectsAsync(cache.Inner);
        _clock.Advance(Break);
        await TimedCall(instance, "Redis back, break over, load");
        Assert.Equal(5, cache.Calls);
        Assert.Equal(fetchesBefore + 6, _tokens.FetchesOf(AppId));

        // The token fetched after the break is shared again: another instance takes it from Redis.
        await using var other = BuildInstance(redis.Configuration);
        await TimedCall(other, "other instance, load");
        Assert.Equal(fetchesBefore + 6, _tokens.FetchesOf(AppId));

        var logs = instance.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id is 6 or 7).ToArray();
        Array.ForEach(logs, r => _output.WriteLine(r.Message));
        Assert.Equal([6, 7], logs.Select(r => r.Id.Id));
        Assert.StartsWith("The shared access token cache failed (", logs[0].Message, StringComparison.Ordinal);
        Assert.EndsWith($") for {AppId}; going on without it, and skipping it for 00:02:00", logs[0].Message, StringComparison.Ordinal);
        foreach (var token in _tokens.IssuedTokens)
        {
            Assert.All(logs, r => Assert.DoesNotContain(token, r.Message, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("silent")]
    [InlineData("closed")]
    public async Task RedisHangsOrWasNeverThere_FirstCallWithinAboutTheTimeout_TokenFromWeChat(string kind)
    {
        using var silent = kind == "silent" ? new SilentTcpServer() : null;
        var configuration = silent?.Configuration ?? $"127.0.0.1:{RedisServerProcess.FreePort()}";
        await WarmUpAsync(configuration);
        var fetchesBefore = _tokens.FetchesOf(AppId);
        await using var instance = BuildInstance(configuration);
        var cache = (CountingDistributedCache)instance.GetRequiredService<IDistributedCache>();

        var first = await TimedCall(instance, $"{kind}: first load");
        Assert.True(first < Timeout + Slack, $"the first load took {first}");
        if (silent is not null)
        {
            Assert.True(first >= Timeout - TimeSpan.FromMilliseconds(50), $"the first load took {first}: it did not wait for the cache");
            Assert.True(silent.Accepted > 0, "the client never connected to the silent server");
        }

        Assert.Equal(1, cache.Calls);
        Assert.Equal(fetchesBefore + 1, _tokens.FetchesOf(AppId));

        _clock.Advance(TimeSpan.FromSeconds(31));
        var second = await TimedCall(instance, $"{kind}: second load (within the break)");
        Assert.True(second < Timeout, $"the second load took {second}");
        Assert.Equal(1, cache.Calls);
        Assert.Equal(fetchesBefore + 2, _tokens.FetchesOf(AppId));
        var warning = Assert.Single(instance.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 6);
        Assert.Equal($"The shared access token cache failed (no answer within 00:00:01) for {AppId}; going on without it, and skipping it for 00:02:00", warning.Message);
    }

    private static string Key(ServiceProvider instance) =>
        DistributedTokenStore.Key(instance.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>().Get(AppId));

    /// <summary>Redis answers PING again; the client reconnects on its own schedule. Waits (real time) until a read succeeds.</summary>
    private static async Task WaitUntilTheClientReconnectsAsync(IDistributedCache inner)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await inner.GetAsync("reconnected");
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>One call through an instance without the shared cache, so that no measured call pays for the JIT.</summary>
    private async Task WarmUpAsync(string redisConfiguration)
    {
        await using var warm = BuildInstance(redisConfiguration, useCache: false);
        await TimedCall(warm, "warm-up, without the shared cache");
    }

    private async Task<TimeSpan> TimedCall(ServiceProvider instance, string what)
    {
        var http = instance.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(FakeWeChatScenarios.TokenChecked);
        var elapsed = watch.Elapsed;
        response.EnsureSuccessStatusCode();
        _output.WriteLine($"{what}: {elapsed.TotalMilliseconds:F0} ms");
        return elapsed;
    }

    private ServiceProvider BuildInstance(string redisConfiguration, bool useCache = true)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(new FakeClockRealTimers(_clock));
        services.AddStackExchangeRedisCache(o => o.Configuration = redisConfiguration);
        CountingDistributedCache.Decorate(services);
        services.AddWeChatAccessTokens(AppId, o =>
        {
            o.AppSecret = Secret;
            o.BaseAddress = _server.BaseAddress;
            o.UseDistributedCache = useCache;
            o.DistributedCacheKeyPrefix = _prefix;
            o.DistributedCacheTimeout = Timeout;
            o.DistributedCacheBreakDuration = Break;
        });
        services.AddHttpClient("wechat", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(AppId).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }
}
