using System.Diagnostics;
using System.Diagnostics.Metrics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Integration;

/// <summary>Token supply and one-shot recovery, against the fake server's token-issuing mode on a real Kestrel socket.</summary>
public sealed class AccessTokenEndToEndTests : IAsyncLifetime
{
    private const string AppA = "wxa0000000000000a1";
    private const string AppB = "wxb0000000000000b2";
    private const string SecretA = "SECRET_A_5b1e0c9d7f";
    private const string SecretB = "SECRET_B_0a8d2e6c4b";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly SignalCapture _signals = new(nameof(AccessTokenEndToEndTests));
    private FakeWeChatServer _server = null!;
    private FakeTokenIssuer _tokens = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueTokens(_time).AddApp(AppA, SecretA).AddApp(AppB, SecretB);
    }

    public async Task DisposeAsync()
    {
        _signals.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Burst_StaleToken_OneFetchAndAllSucceed()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        using var retries = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), "WeChatErrors", "wechat.client.retries");
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();
        Assert.Equal(1, _tokens.FetchesOf(AppA));

        _tokens.Rotate(AppA);
        HttpResponseMessage[] responses;
        using (_signals.Source.StartActivity("burst"))
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetAsync(FakeWeChatScenarios.TokenChecked)));
        }


        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Equal(2, _tokens.FetchesOf(AppA));
        Assert.Equal(0, _tokens.ForcedRefreshesOf(AppA));
        var recovered = retries.GetMeasurementSnapshot();
        Assert.InRange(recovered.Count, 1, 50);
        Assert.All(recovered, m => Assert.Equal(40001, m.Tags["wechat.errcode"]));
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Equal(recovered.Count, logs.Count(r => r.Id.Id == 4 && r.Id.Name == "WeChatTokenRefreshed"));
        Assert.DoesNotContain(logs, r => r.Id.Id == 2);
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task PersistentStaleToken_OneRetryThenAccessTokenException()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");

        WeChatAccessTokenException ex;
        using (_signals.Source.StartActivity("call"))
        {
            ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync(FakeWeChatScenarios.StaleToken));
        }


        Assert.Equal(WeChatErrorCode.InvalidCredential, ex.ErrorCode);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, _server.CallsTo(FakeWeChatScenarios.StaleToken));
        Assert.Equal(2, _tokens.FetchesOf(AppA));
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Single(logs, r => r.Id.Id == 4);
        var failure = Assert.Single(logs, r => r.Id.Id == 2);
        Assert.Contains("after 2 attempt(s)", failure.Message, StringComparison.Ordinal);
        AssertNoSecrets(provider, ex);
    }

    [Theory]
    [InlineData(40164, typeof(WeChatIpNotWhitelistedException))]
    [InlineData(45009, typeof(WeChatQuotaExceededException))]
    [InlineData(40125, typeof(WeChatConfigurationException))]
    [InlineData(89503, typeof(WeChatIpNotWhitelistedException))]
    public async Task RefreshFails_SurfacesTheRefreshCode_WithoutResending(int code, Type expected)
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();
        _tokens.Rotate(AppA);
        _tokens.FetchError = (code, "refused");

        WeChatApiException ex;
        using (_signals.Source.StartActivity("call"))
        {
            ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => http.GetAsync(FakeWeChatScenarios.TokenChecked));
        }


        Assert.IsType(expected, ex);
        Assert.Equal(code, (int?)ex.ErrorCode);
        Assert.Contains(WeChatTokenEndpoints.StableTokenPath, ex.RequestUri, StringComparison.Ordinal);
        Assert.Equal(2, _server.CallsTo(FakeWeChatScenarios.TokenChecked));
        Assert.Equal(2, _tokens.FetchesOf(AppA));
        AssertNoSecrets(provider, ex);
    }

    [Fact]
    public async Task ClientCredentialWrongSecret_IsConfigurationException_NotRecovered()
    {
        await using var provider = BuildProvider(configureA: o => { o.Endpoint = WeChatAccessTokenEndpoint.ClientCredential; o.AppSecret = "WRONG_SECRET_77aa"; });
        var http = Client(provider, "a");

        var ex = await Assert.ThrowsAsync<WeChatConfigurationException>(() => http.GetAsync(FakeWeChatScenarios.TokenChecked));

        Assert.Equal(WeChatErrorCode.InvalidCredential, ex.ErrorCode);
        Assert.Equal(WeChatErrorKind.Configuration, ex.Kind);
        Assert.Equal(1, _tokens.FetchesOf(AppA));
        Assert.Equal(0, _server.CallsTo(FakeWeChatScenarios.TokenChecked));
        Assert.DoesNotContain("WRONG_SECRET_77aa", ex.ToString(), StringComparison.Ordinal);
        AssertNoSecrets(provider, ex, "WRONG_SECRET_77aa");
    }

    [SyncFact]
    public async Task SyncSend_StaleToken_RecoveredOnce()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();
        _tokens.Rotate(AppA);

        using var response = await Task.Run(() => http.Send(new HttpRequestMessage(HttpMethod.Get, FakeWeChatScenarios.TokenChecked)));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(2, _tokens.FetchesOf(AppA));
        Assert.Equal(3, _server.CallsTo(FakeWeChatScenarios.TokenChecked));
    }

    [Fact]
    public async Task TwoAppIds_TokensNeverMix()
    {
        await using var provider = BuildProvider();
        var a = Client(provider, "a");
        var b = Client(provider, "b");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetStringAsync(FakeWeChatScenarios.TokenChecked)));
        _tokens.Rotate(AppA);
        var afterRotation = await Task.WhenAll(b.GetStringAsync(FakeWeChatScenarios.TokenChecked), a.GetStringAsync(FakeWeChatScenarios.TokenChecked));

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Contains(i % 2 == 0 ? AppA : AppB, answers[i], StringComparison.Ordinal);
        }

        Assert.Contains(AppB, afterRotation[0], StringComparison.Ordinal);
        Assert.Contains(AppA, afterRotation[1], StringComparison.Ordinal);
        Assert.Equal(2, _tokens.FetchesOf(AppA));
        Assert.Equal(1, _tokens.FetchesOf(AppB));
    }

    [Fact]
    public async Task DisableWeChatRetry_StaleToken_IsNotRecovered()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();
        _tokens.Rotate(AppA);
        using var request = new HttpRequestMessage(HttpMethod.Get, FakeWeChatScenarios.TokenChecked).DisableWeChatRetry();

        var ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.SendAsync(request));

        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, _tokens.FetchesOf(AppA));
    }

    [Fact]
    public async Task CallerOwnedToken_IsNotReplacedNorRecovered()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");

        var ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync($"{FakeWeChatScenarios.TokenChecked}?access_token=CALLER_OWNED_TOKEN_1f"));

        Assert.Equal(1, ex.Attempts);
        Assert.Equal(0, _tokens.FetchesOf(AppA));
        Assert.Equal("access_token=CALLER_OWNED_TOKEN_1f", Assert.Single(_server.QueriesTo(FakeWeChatScenarios.TokenChecked)).TrimStart('?'));
    }

    [Fact]
    public async Task TokenNearExpiry_IsRefreshedAhead_WithoutA42001()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();

        _time.Advance(TimeSpan.FromSeconds(7200 - 170));
        (await http.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();

        Assert.Equal(2, _tokens.FetchesOf(AppA));
        Assert.Equal(2, _server.CallsTo(FakeWeChatScenarios.TokenChecked));
        Assert.DoesNotContain(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 4);
    }

    private static HttpClient Client(ServiceProvider provider, string name) => provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private ServiceProvider BuildProvider(Action<WeChatAccessTokenOptions>? configureA = null)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddWeChatAccessTokens(AppA, o =>
        {
            o.AppSecret = SecretA;
            o.BaseAddress = _server.BaseAddress;
            configureA?.Invoke(o);
        });
        services.AddWeChatAccessTokens(AppB, o => { o.AppSecret = SecretB; o.BaseAddress = _server.BaseAddress; });
        services.AddHttpClient("a", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(AppA).AddWeChatErrorHandling();
        services.AddHttpClient("b", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(AppB).AddWeChatErrorHandling();
        var provider = services.BuildServiceProvider();
        _signals.Track(provider);
        return provider;
    }

    private void AssertNoSecrets(ServiceProvider provider, Exception? exception = null, params string[] more) =>
        _signals.AssertNoSecrets(_tokens.IssuedTokens.Concat([SecretA, SecretB]).Concat(more), provider, exception);
}
