using System.Diagnostics;
using System.Diagnostics.Metrics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Integration;

/// <summary>WeCom token supply and one-shot recovery, against the fake server's WeCom token mode on a real Kestrel socket.</summary>
public sealed class WeComAccessTokenEndToEndTests : IAsyncLifetime
{
    private const string Corp = "ww0000000000c0rp01";
    private const string AppA = "1000002";
    private const string AppB = "contacts";
    private const string SecretA = "CORP_SECRET_A_7c1e9b3d5f";
    private const string SecretB = "CORP_SECRET_B_2a4c6e8f0b";

    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly SignalCapture _signals = new(nameof(WeComAccessTokenEndToEndTests));
    private FakeWeChatServer _server = null!;
    private FakeWeComTokenIssuer _tokens = null!;

    public WeComAccessTokenEndToEndTests(ITestOutputHelper output) => _output = output;

    private Uri WeComAddress => new(_server.BaseAddress, FakeWeComScenarios.Prefix);

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueWeComTokens(_time).AddApp(Corp, SecretA, "a").AddApp(Corp, SecretB, "b");
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
        (await http.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();
        Assert.Equal(1, _tokens.FetchesOf(Corp, SecretA));

        _tokens.Invalidate(Corp, SecretA);
        _tokens.Delay = TimeSpan.FromMilliseconds(50);
        var watch = Stopwatch.StartNew();
        HttpResponseMessage[] responses;
        using (_signals.Source.StartActivity("burst"))
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetAsync("cgi-bin/get_api_domain_ip")));
        }

        watch.Stop();
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.All(bodies, b => Assert.Contains("\"app\":\"a\"", b, StringComparison.Ordinal));
        Assert.Equal(2, _tokens.FetchesOf(Corp, SecretA));
        var recovered = _signals.Retries.GetMeasurementSnapshot();
        Assert.InRange(recovered.Count, 1, 50);
        Assert.All(recovered, m => Assert.Equal(40014, m.Tags["wechat.errcode"]));
        Assert.All(recovered, m => Assert.Equal("wecom", m.Tags["wechat.product"]));
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Equal(recovered.Count, logs.Count(r => r.Id.Id == 4));
        Assert.All(logs.Where(r => r.Id.Id == 4), r => Assert.StartsWith("WeCom errcode 40014 (AccessToken)", r.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Id.Id == 2);
        Assert.Equal(2, logs.Count(r => r.Id.Name == "WeComTokenFetched"));
        _output.WriteLine(
            $"burst of 50 with a stale WeCom token: {bodies.Length} successes, {_tokens.FetchesOf(Corp, SecretA) - 1} fetch, " +
            $"{recovered.Count} recoveries (40014, sent again once), {_server.CallsTo(FakeWeComScenarios.TokenChecked) - 1} business requests, {watch.ElapsedMilliseconds} ms");
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task WrongCorpSecret_OnGetToken_IsAConfigurationError_NeverRetriedNorRecovered()
    {
        await using var provider = BuildProvider(o => o.CorpSecret = "WRONG_CORP_SECRET_55aa");
        var http = Client(provider, "a");

        WeChatConfigurationException ex;
        using (_signals.Source.StartActivity("call"))
        {
            ex = await Assert.ThrowsAsync<WeChatConfigurationException>(() => http.GetAsync("cgi-bin/get_api_domain_ip"));
        }

        Assert.Equal(WeChatProduct.WeCom, ex.Product);
        Assert.Equal(WeComErrorCode.InvalidCorpSecret, ex.WeComErrorCode);
        Assert.Null(ex.ErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, _tokens.Refused);
        Assert.Equal(0, _server.CallsTo(FakeWeComScenarios.TokenChecked));
        Assert.Contains("gettoken?corpid=REDACTED&corpsecret=REDACTED", ex.RequestUri, StringComparison.Ordinal);
        AssertNoSecrets(provider, ex, "WRONG_CORP_SECRET_55aa");
    }

    [Fact]
    public async Task Errcode40001_OnABusinessCall_IsNotRecovered()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");

        var ex = await Assert.ThrowsAsync<WeChatConfigurationException>(() => http.GetAsync("cgi-bin/agent/get"));

        Assert.Equal(WeComErrorCode.InvalidCorpSecret, ex.WeComErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, _server.CallsTo(FakeWeComScenarios.WrongSecret));
        Assert.Equal(1, _tokens.FetchesOf(Corp, SecretA));
    }

    [Fact]
    public async Task ExpiredToken_42001_IsRecoveredOnce()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();

        // WeCom ends the token before the cache's refresh time: the call answers 42001, and gettoken issues a new one.
        _tokens.Expire(Corp, SecretA);
        using var response = await http.GetAsync("cgi-bin/get_api_domain_ip");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(2, _tokens.FetchesOf(Corp, SecretA));
        Assert.Equal(3, _server.CallsTo(FakeWeComScenarios.TokenChecked));
        Assert.Equal(42001, Assert.Single(_signals.Retries.GetMeasurementSnapshot()).Tags["wechat.errcode"]);
    }

    [Fact]
    public async Task TokenNearExpiry_IsRefreshedAhead_WithoutA42001()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();

        _time.Advance(TimeSpan.FromSeconds(7200 - 170));
        (await http.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();

        Assert.Equal(2, _tokens.FetchesOf(Corp, SecretA));
        Assert.Equal(2, _server.CallsTo(FakeWeComScenarios.TokenChecked));
        Assert.DoesNotContain(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 4);
    }

    [Fact]
    public async Task TwoApplicationsOfOneCorp_TokensNeverMix()
    {
        await using var provider = BuildProvider();
        var a = Client(provider, "a");
        var b = Client(provider, "b");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetStringAsync("cgi-bin/get_api_domain_ip")));
        _tokens.Invalidate(Corp, SecretA);
        var after = await Task.WhenAll(b.GetStringAsync("cgi-bin/get_api_domain_ip"), a.GetStringAsync("cgi-bin/get_api_domain_ip"));

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Contains(i % 2 == 0 ? "\"app\":\"a\"" : "\"app\":\"b\"", answers[i], StringComparison.Ordinal);
        }

        Assert.Contains("\"app\":\"b\"", after[0], StringComparison.Ordinal);
        Assert.Contains("\"app\":\"a\"", after[1], StringComparison.Ordinal);
        Assert.Equal(2, _tokens.FetchesOf(Corp, SecretA));
        Assert.Equal(1, _tokens.FetchesOf(Corp, SecretB));
    }

    [SyncFact]
    public async Task SyncSend_StaleToken_RecoveredOnce()
    {
        await using var provider = BuildProvider();
        var http = Client(provider, "a");
        (await http.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();
        _tokens.Invalidate(Corp, SecretA);

        using var response = await Task.Run(() => http.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/get_api_domain_ip")));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(2, _tokens.FetchesOf(Corp, SecretA));
        Assert.Equal(3, _server.CallsTo(FakeWeComScenarios.TokenChecked));
    }

    [Fact]
    public void WeChatAndWeComSupply_OnOneClient_AreRefused()
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient("both").AddWeComAccessToken(Corp, AppA);

        Assert.Same(builder, builder.AddWeComAccessToken(Corp, AppA));
        Assert.Throws<InvalidOperationException>(() => builder.AddWeChatAccessToken("wx1"));
        Assert.Throws<InvalidOperationException>(() => builder.AddWeComAccessToken(Corp, AppB));
        Assert.Throws<ArgumentException>(() => services.AddHttpClient("x").AddWeComAccessToken("", AppA));
        Assert.Throws<ArgumentException>(() => services.AddWeComAccessTokens(Corp, "", o => o.CorpSecret = "s"));
    }

    private static HttpClient Client(ServiceProvider provider, string name) => provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private ServiceProvider BuildProvider(Action<WeComAccessTokenOptions>? configureA = null)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddWeComAccessTokens(Corp, AppA, o =>
        {
            o.CorpSecret = SecretA;
            o.BaseAddress = WeComAddress;
            configureA?.Invoke(o);
        });
        services.AddWeComAccessTokens(Corp, AppB, o => { o.CorpSecret = SecretB; o.BaseAddress = WeComAddress; });
        services.AddHttpClient("a", c => c.BaseAddress = WeComAddress).AddWeComAccessToken(Corp, AppA).AddWeChatErrorHandling();
        services.AddHttpClient("b", c => c.BaseAddress = WeComAddress).AddWeComAccessToken(Corp, AppB).AddWeChatErrorHandling();
        var provider = services.BuildServiceProvider();
        _signals.Track(provider);
        Assert.Equal("WeChatErrors.WeComAccessTokens", WeComAccessTokenDefaults.TokenClientName);
        return provider;
    }

    private void AssertNoSecrets(ServiceProvider provider, Exception? exception = null, params string[] more) =>
        _signals.AssertNoSecrets(_tokens.IssuedTokens.Concat([SecretA, SecretB]).Concat(more), provider, exception);
}
