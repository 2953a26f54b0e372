using System.Collections.Concurrent;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.Integration.OpenPlatform;

/// <summary>A durable refresh-token store (the application's database) registered beside the open platform's sources.</summary>
public sealed class RefreshTokenStoreTests : IAsyncLifetime
{
    private const string Platform = "wx0penp1atf0rmdb01";
    private const string Account = "wxacc0untdurab1e01";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly Database _database = new();
    private FakeWeChatServer _server = null!;
    private FakeOpenPlatform _platform = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _platform = _server.IssueOpenPlatformTokens(_time).AddComponent(Platform, "COMPONENT_SECRET_D_1a2b3c").AddAuthorizer(Platform, Account);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryRotation_IsSaved_AndAColdStartReadsIt_BeforeAskingWeChat()
    {
        _database.Rows[Account] = _platform.CurrentRefreshToken(Platform, Account);
        await using (var first = await StartAsync())
        {
            await Call(first);
            _platform.InvalidateAuthorizerToken(Platform, Account);
            await Call(first);
        }

        Assert.Equal(2, _database.Saves);
        Assert.Equal(_platform.CurrentRefreshToken(Platform, Account), _database.Rows[Account]);

        // A cold start with no shared cache: the store has the latest refresh token, so WeChat is not asked for it.
        await using var restarted = await StartAsync();
        _platform.InvalidateAuthorizerToken(Platform, Account);
        await Call(restarted);
        Assert.Equal(3, _platform.AuthorizerRefreshes(Platform, Account));
        Assert.Equal(0, _platform.AuthorizerInfoCalls(Platform, Account));
        Assert.Equal(2, _database.Reads);
    }

    [Fact]
    public async Task AFailingStore_IsLogged_AndTheCallGoesOn()
    {
        _database.Failing = true;
        await using var provider = await StartAsync();

        await Call(provider);

        var failures = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "WeChatRefreshTokenStoreFailed").ToArray();
        Assert.Equal(2, failures.Length);
        Assert.Contains(failures, r => r.Message.StartsWith("The refresh token store failed (TimeoutException) to read", StringComparison.Ordinal));
        Assert.Contains(failures, r => r.Message.StartsWith("The refresh token store failed (TimeoutException) to save", StringComparison.Ordinal));
        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, Account));
    }

    private static async Task Call(ServiceProvider provider)
    {
        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("account").GetAsync(FakeOpenPlatform.CheckedPath);
        response.EnsureSuccessStatusCode();
    }

    private async Task<ServiceProvider> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IWeChatRefreshTokenStore>(_database);
        services.AddWeChatOpenPlatform(Platform, o => { o.ComponentAppSecret = "COMPONENT_SECRET_D_1a2b3c"; o.BaseAddress = _server.BaseAddress; });
        services.AddHttpClient("account", c => c.BaseAddress = _server.BaseAddress).AddWeChatAuthorizerToken(Platform, Account).AddWeChatErrorHandling();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));
        return provider;
    }

    private sealed class Database : IWeChatRefreshTokenStore
    {
        private int _reads;
        private int _saves;

        public ConcurrentDictionary<string, string> Rows { get; } = new();

        public bool Failing { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public int Saves => Volatile.Read(ref _saves);

        public ValueTask<string?> GetRefreshTokenAsync(string componentAppId, string authorizerAppId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Failing ? throw new TimeoutException("database down") : new(Rows.TryGetValue(authorizerAppId, out var token) ? token : null);
        }

        public ValueTask SaveRefreshTokenAsync(string componentAppId, string authorizerAppId, string refreshToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _saves);
            if (Failing)
            {
                throw new TimeoutException("database down");
            }

            Rows[authorizerAppId] = refreshToken;
            return default;
        }
    }
}
