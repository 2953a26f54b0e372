using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.HealthChecks;

/// <summary>The token health checks through <c>AddHealthChecks()</c> and <see cref="HealthCheckService"/>, against the fake server's token endpoint.</summary>
public sealed class WeChatAccessTokenHealthCheckTests : IAsyncLifetime
{
    private const string AppA = "wxa0000000000000h1";
    private const string AppB = "wxb0000000000000h2";
    private const string SecretA = "HC_SECRET_A_4d7e91c0";
    private const string SecretB = "HC_SECRET_B_8f02b6a3";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero));
    private FakeWeChatServer _server = null!;
    private FakeTokenIssuer _tokens = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueTokens(_time).AddApp(AppA, SecretA).AddApp(AppB, SecretB);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BeforeTheFirstFetch_Healthy()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA));

        var entry = Assert.Single((await CheckAsync(provider)).Entries);

        Assert.Equal("wechat-access-token-" + AppA, entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Equal(0, _tokens.FetchesOf(AppA));
    }

    [Theory]
    [InlineData(40125, "Configuration")]
    [InlineData(40164, "IpNotWhitelisted")]
    [InlineData(61004, "IpNotWhitelisted")]
    [InlineData(89503, "IpNotWhitelisted")]
    [InlineData(45009, "DailyQuota")]
    public async Task FetchFailsForAPerson_UnhealthyWithTheCodeAndWhatToDo(int code, string kind)
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA));
        _tokens.FetchError = (code, $"refused, secret={SecretA}");

        await Assert.ThrowsAnyAsync<WeChatApiException>(() => FetchAsync(provider, AppA));
        var result = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(code, result.Data["errcode"]);
        Assert.Equal(kind, result.Data["kind"]);
        Assert.Contains("errcode " + code.ToString(CultureInfo.InvariantCulture), result.Description, StringComparison.Ordinal);
        Assert.Contains(code == 45009 ? "quota" : code == 40125 ? "AppSecret" : "whitelist", result.Description, StringComparison.Ordinal);
        Assert.Equal(FakeWeChatScenarios.Rid, result.Data["rid"]);
        Assert.Equal(_time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), result.Data["failedAt"]);
        Assert.Null(result.Exception);
        AssertNoSecrets(result);
    }

    [Fact]
    public async Task FetchFailsForAPerson_ReportsTheGivenFailureStatus()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA, name: "token", failureStatus: HealthStatus.Degraded, tags: ["wechat"]));
        _tokens.FetchError = (40164, "invalid ip 203.0.113.7, not in whitelist");

        await Assert.ThrowsAsync<WeChatIpNotWhitelistedException>(() => FetchAsync(provider, AppA));
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("wechat"));

        Assert.Equal(HealthStatus.Degraded, report.Entries["token"].Status);
        Assert.Equal(40164, report.Entries["token"].Data["errcode"]);
    }

    [Fact]
    public async Task SystemBusy_DegradedAndCounted_ThenHealthyOnceAFetchSucceeds()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA));
        _tokens.FetchError = (-1, "system error");

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => FetchAsync(provider, AppA));
        _time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => FetchAsync(provider, AppA));
        var failing = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];
        _tokens.FetchError = null;
        _time.Advance(TimeSpan.FromSeconds(30));
        await FetchAsync(provider, AppA);
        var recovered = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Equal(-1, failing.Data["errcode"]);
        Assert.Equal(2, failing.Data["consecutiveFailures"]);
        Assert.Equal(nameof(WeChatSystemBusyException), failing.Data["exception"]);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
        Assert.False(recovered.Data.ContainsKey("errcode"));
        Assert.Equal(_time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), recovered.Data["lastSuccessAt"]);
    }

    [Fact]
    public async Task WrongSecret_Unhealthy_ThenHealthyOnceTheSecretIsFixed()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA), o => o.AppSecret = "WRONG_SECRET_19cc");

        await Assert.ThrowsAsync<WeChatConfigurationException>(() => FetchAsync(provider, AppA));
        var wrong = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        // The account's secret is reset to the configured one.
        _tokens.AddApp(AppA, "WRONG_SECRET_19cc");
        await FetchAsync(provider, AppA);
        var fixedNow = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        Assert.Equal(HealthStatus.Unhealthy, wrong.Status);
        Assert.Equal(40125, wrong.Data["errcode"]);
        AssertNoSecrets(wrong, "WRONG_SECRET_19cc");
        Assert.Equal(HealthStatus.Healthy, fixedNow.Status);
    }

    [Fact]
    public async Task ConnectionRefused_DegradedWithTheTypeNameOnly()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck(AppA), o => o.BaseAddress = new Uri($"http://127.0.0.1:{port}/"));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => FetchAsync(provider, AppA));
        var result = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(nameof(HttpRequestException), result.Data["exception"]);
        Assert.False(result.Data.ContainsKey("errcode"));
        Assert.DoesNotContain(ex.Message, result.Description, StringComparison.Ordinal);
        Assert.Null(result.Exception);
    }

    [Fact]
    public async Task Timeout_Degraded()
    {
        using var silent = new SilentTcpServer();
        await using var provider = BuildProvider(
            h => h.AddWeChatAccessTokenCheck(AppA),
            o => o.BaseAddress = new Uri($"http://{silent.Configuration}/"),
            s => s.AddHttpClient(WeChatAccessTokenDefaults.TokenClientName, c => c.Timeout = TimeSpan.FromMilliseconds(100)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FetchAsync(provider, AppA));
        var result = (await CheckAsync(provider)).Entries["wechat-access-token-" + AppA];

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(nameof(TaskCanceledException), result.Data["exception"]);
    }

    [Fact]
    public async Task AllAppIds_OneCheckEach_WhateverTheOrderOfRegistration()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenChecks(tags: ["wechat"]).AddWeChatAccessTokenCheck(AppB));
        await FetchAsync(provider, AppB);
        _tokens.FetchError = (40164, "invalid ip 203.0.113.7, not in whitelist");

        await Assert.ThrowsAsync<WeChatIpNotWhitelistedException>(() => FetchAsync(provider, AppA));
        var report = await CheckAsync(provider);

        Assert.Equal(["wechat-access-token-" + AppA, "wechat-access-token-" + AppB], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["wechat-access-token-" + AppA].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["wechat-access-token-" + AppB].Status);
    }

    [Fact]
    public async Task UnregisteredAppId_ReportsTheFailureStatus()
    {
        await using var provider = BuildProvider(h => h.AddWeChatAccessTokenCheck("wx_not_registered"));

        var result = (await CheckAsync(provider)).Entries["wechat-access-token-wx_not_registered"];

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("AddWeChatAccessTokens", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentNullException>(() => builder.AddWeChatAccessTokenCheck(null!));
        Assert.Throws<ArgumentException>(() => builder.AddWeChatAccessTokenCheck(string.Empty));
        Assert.Throws<ArgumentNullException>(() => ((IHealthChecksBuilder)null!).AddWeChatAccessTokenChecks());
    }

    private static async Task FetchAsync(IServiceProvider provider, string appId) =>
        await provider.GetRequiredService<IWeChatAccessTokenSource>().GetTokenAsync(appId, CancellationToken.None);

    private static Task<HealthReport> CheckAsync(IServiceProvider provider) =>
        provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    private ServiceProvider BuildProvider(Action<IHealthChecksBuilder> checks, Action<WeChatAccessTokenOptions>? configureA = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time);

        // The checks first: AddWeChatAccessTokenChecks must find AppIDs registered after it.
        checks(services.AddHealthChecks());
        services.AddWeChatAccessTokens(AppA, o =>
        {
            o.AppSecret = SecretA;
            o.BaseAddress = _server.BaseAddress;
            configureA?.Invoke(o);
        });
        services.AddWeChatAccessTokens(AppB, o => { o.AppSecret = SecretB; o.BaseAddress = _server.BaseAddress; });

        // A failed fetch surfaces at once: the check reads the outcome, not how the retries went.
        services.Configure<WeChatErrorHandlingOptions>(WeChatAccessTokenDefaults.TokenClientName, o => o.Retry.Enabled = false);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private void AssertNoSecrets(HealthReportEntry entry, params string[] more)
    {
        var text = entry.Description + " " + string.Join(" ", entry.Data.Select(d => d.Key + "=" + d.Value)) + " " + entry.Exception;
        foreach (var secret in _tokens.IssuedTokens.Concat([SecretA, SecretB]).Concat(more))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
