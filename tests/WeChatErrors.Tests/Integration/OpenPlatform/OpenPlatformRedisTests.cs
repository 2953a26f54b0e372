using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;
using WeChatErrors.OpenPlatform.Internal;
using WeChatErrors.Tests.TestSupport;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Integration.OpenPlatform;

/// <summary>
/// Several instances of a third-party platform sharing tickets, tokens and refresh tokens through a real Redis. On the system
/// clock: instances wait for each other's refresh by polling the shared entry, on the library's clock.
/// </summary>
public sealed class OpenPlatformRedisTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const string Platform = "wx0penp1atf0rmred1";
    private const string PlatformSecret = "COMPONENT_SECRET_R_8b6d4f2a0c";
    private const string Account = "wxacc0untredis0001";

    private readonly RedisFixture _redis;
    private readonly ITestOutputHelper _output;
    private readonly string _prefix = $"WeChatErrors.Tests:{Guid.NewGuid():N}:";
    private FakeWeChatServer _server = null!;
    private FakeOpenPlatform _platform = null!;

    public OpenPlatformRedisTests(RedisFixture redis, ITestOutputHelper output)
    {
        _redis = redis;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _platform = _server.IssueOpenPlatformTokens().AddComponent(Platform, PlatformSecret).AddAuthorizer(Platform, Account);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoInstances_StaleToken_RefreshOnceBetweenThem_AndBothUseTheRotatedRefreshToken()
    {
        await using var first = await StartInstance();
        await using var second = await StartInstance();
        await Seed(first);
        await Call(first);
        await Call(second);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, Account));

        _platform.InvalidateAuthorizerToken(Platform, Account);
        _platform.Delay = TimeSpan.FromMilliseconds(100);
        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Call(i % 2 == 0 ? first : second)));
        watch.Stop();

        Assert.All(answers, a => Assert.Contains($"\"authorizer_appid\":\"{Account}\"", a, StringComparison.Ordinal));
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, Account));
        _output.WriteLine($"two instances, 25 calls each with a stale authorizer token: {answers.Length} successes, " +
            $"{_platform.AuthorizerRefreshes(Platform, Account) - 1} refresh between them, {watch.ElapsedMilliseconds} ms");

        // The refresh token rotated: the shared entry holds the new one, and each instance refreshes with it (no 61023).
        var entry = await SharedEntry();
        Assert.Equal(_platform.CurrentRefreshToken(Platform, Account), RefreshTokenIn(entry));
        Assert.DoesNotContain(PlatformSecret, entry, StringComparison.Ordinal);
        _platform.Delay = TimeSpan.Zero;
        _platform.InvalidateAuthorizerToken(Platform, Account);
        await Call(first);

        // The second instance, made to refresh itself, uses the refresh token the first one rotated to.
        // (Its memory still holds the burst's token: dropped, it takes the first one's from Redis, which is dropped too.)
        var source = second.GetRequiredService<IWeChatAuthorizerTokenSource>();
        for (var drop = 0; drop < 2; drop++)
        {
            await source.InvalidateAsync(Platform, Account, await source.GetTokenAsync(Platform, Account, CancellationToken.None), CancellationToken.None);
        }

        await Call(second);

        Assert.Equal(4, _platform.AuthorizerRefreshes(Platform, Account));
        Assert.Equal(0, _platform.AuthorizerInfoCalls(Platform, Account));
        AssertNoSecretsInLogs(first, second);
    }

    [Fact]
    public async Task CrashBetweenSavingAndCaching_LosesNothing()
    {
        await using var crashing = await StartInstance();
        await Seed(crashing);
        crashing.GetRequiredService<AuthorizerTokenCache>().AfterRefreshSaved = () => throw new InvalidOperationException("crash injected after the refresh was saved");

        var crash = await Assert.ThrowsAsync<InvalidOperationException>(() => Call(crashing));
        Assert.Contains("crash injected", crash.Message, StringComparison.Ordinal);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, Account));

        // A restarted instance finds both tokens: no refresh, and the refresh token WeChat rotated to.
        await using var restarted = await StartInstance();
        await Call(restarted);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, Account));

        _platform.InvalidateAuthorizerToken(Platform, Account);
        await Call(restarted);
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, Account));
        Assert.Equal(0, _platform.AuthorizerInfoCalls(Platform, Account));
    }

    [Fact]
    public async Task SeedingAnOlderRefreshToken_DoesNotReplaceTheRotatedOne_AndInvalidationLeavesTheSharedEntry()
    {
        await using var first = await StartInstance();
        var original = _platform.CurrentRefreshToken(Platform, Account);
        await Seed(first);
        await Call(first);
        var entryAfterRefresh = await SharedEntry();
        Assert.NotEqual(original, RefreshTokenIn(entryAfterRefresh));

        // A restarted instance seeds the account from the application's database, which still has the first refresh token.
        await using var restarted = await StartInstance();
        var source = restarted.GetRequiredService<IWeChatAuthorizerTokenSource>();
        await source.SetRefreshTokenAsync(Platform, Account, original);
        await source.InvalidateAsync(Platform, Account, await source.GetTokenAsync(Platform, Account, CancellationToken.None), CancellationToken.None);

        Assert.Equal(entryAfterRefresh, await SharedEntry());
        _platform.InvalidateAuthorizerToken(Platform, Account);
        await Call(restarted);
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, Account));
        Assert.Equal(0, _platform.AuthorizerInfoCalls(Platform, Account));
    }

    [Fact]
    public async Task TicketHandedToOneInstance_ServesTheOther_AndTheComponentTokenIsShared()
    {
        await using var first = await StartInstance();
        await using var second = await StartInstance();

        await first.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));
        var fromSecond = await second.GetRequiredService<IWeChatComponentTokenSource>().GetComponentTokenAsync(Platform, CancellationToken.None);
        var fromFirst = await first.GetRequiredService<IWeChatComponentTokenSource>().GetComponentTokenAsync(Platform, CancellationToken.None);

        Assert.Equal(fromSecond, fromFirst);
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(0, _platform.PushTicketCalls(Platform));
    }

    [Fact]
    public async Task SharedCacheLost_RefreshTokenComesBackFromAuthorizerInfo_NoAccountLost()
    {
        await using (var before = await StartInstance())
        {
            await Seed(before);
            await Call(before);
        }

        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true"))
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            foreach (var key in server.Keys(pattern: _prefix + "*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }

        // The restarted fleet gets a ticket again (WeChat pushes every 10 minutes), and knows no refresh token.
        await using var after = await StartInstance();
        await after.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.IssueTicket(Platform));
        _platform.InvalidateAuthorizerToken(Platform, Account);
        await Call(after);

        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, Account));
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, Account));
        Assert.Equal(_platform.CurrentRefreshToken(Platform, Account), RefreshTokenIn(await SharedEntry()));
    }

    private static async Task<string> Call(ServiceProvider instance)
    {
        var http = instance.GetRequiredService<IHttpClientFactory>().CreateClient("account");
        using var response = await http.GetAsync(FakeOpenPlatform.CheckedPath);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static string? RefreshTokenIn(string entry)
    {
        using var json = System.Text.Json.JsonDocument.Parse(entry);
        return json.RootElement.GetProperty("authorizer_refresh_token").GetString();
    }

    private async Task<string> SharedEntry()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var entry = (string?)await redis.GetDatabase().HashGetAsync($"{_prefix}authorizer:{Platform}:{Account}", "data");
        Assert.NotNull(entry);
        return entry;
    }

    private async Task Seed(ServiceProvider instance)
    {
        await instance.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));
        await instance.GetRequiredService<IWeChatAuthorizerTokenSource>().SetRefreshTokenAsync(Platform, Account, _platform.CurrentRefreshToken(Platform, Account));
    }

    private void AssertNoSecretsInLogs(params ServiceProvider[] instances)
    {
        var logs = instances.SelectMany(i => i.GetFakeLogCollector().GetSnapshot()).ToArray();
        Assert.DoesNotContain(logs, r => r.Id.Name == "WeChatTokenCacheFailed");
        foreach (var secret in _platform.IssuedSecrets)
        {
            Assert.All(logs, r => Assert.DoesNotContain(secret, r.Message, StringComparison.Ordinal));
        }
    }

    /// <summary>An instance whose Redis connection is open: a cold connect on a loaded machine can take longer than the cache timeout.</summary>
    private async Task<ServiceProvider> StartInstance()
    {
        var instance = BuildInstance();
        await instance.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>().GetAsync(_prefix + "warm-up");
        return instance;
    }

    private ServiceProvider BuildInstance()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddStackExchangeRedisCache(o => o.Configuration = _redis.Configuration);
        services.AddWeChatOpenPlatform(Platform, o =>
        {
            o.ComponentAppSecret = PlatformSecret;
            o.BaseAddress = _server.BaseAddress;
            o.UseDistributedCache = true;
            o.DistributedCacheKeyPrefix = _prefix;
        });
        services.AddHttpClient("account", c => c.BaseAddress = _server.BaseAddress).AddWeChatAuthorizerToken(Platform, Account).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }
}
