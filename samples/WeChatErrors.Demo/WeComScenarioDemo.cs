using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static WeChatErrors.Demo.ScenarioDemo;

namespace WeChatErrors.Demo;

/// <summary>WeCom (企业微信) answers through the same AddWeChatErrorHandling: the fake server serves them under /qyapi/.</summary>
internal static class WeComScenarioDemo
{
    private const string DemoToken = "DEMO_WECOM_TOKEN_a81c4e";

    public static async Task RunAsync(FakeWeChatServer server, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new DemoConsoleLoggerProvider()));
        services.AddSingleton(clock);
        // qyapi.weixin.qq.com is a WeCom host by default; the fake server serves WeCom under a path prefix, as a proxy would.
        var weComHost = FakeWeComScenarios.WeComHost(server.BaseAddress);
        services.AddHttpClient("both", c => c.BaseAddress = server.BaseAddress).AddWeChatErrorHandling(o => o.WeComHosts.Add(weComHost));
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("both");

        await Scenario($"10. WeCom: one client, two code spaces (WeComHosts holds {weComHost})", async () =>
        {
            await Show(() => http.GetAsync($"{FakeWeChatScenarios.StaleToken}?access_token={DemoToken}"), "WeChat 40001");
            await Show(() => http.GetAsync($"{FakeWeComScenarios.WrongSecret}?access_token={DemoToken}&agentid=1000002"), "WeCom  40001");
            await Show(() => http.GetAsync($"{FakeWeChatScenarios.DailyQuota}?access_token={DemoToken}"), "WeChat 45009");
            await Show(() => http.GetAsync($"{FakeWeComScenarios.FrequencyLimited}?access_token={DemoToken}"), "WeCom  45009");
            Say($"WeCom 45009 was sent {server.CallsTo(FakeWeComScenarios.FrequencyLimited)} time(s): its block lasts the limit's window, which the body does not give");
        });

        await Scenario("11. WeCom retries by WeCom's rules: -1 (at most 3 times), 6000 and 45033 with backoff", async () =>
        {
            foreach (var path in new[] { FakeWeComScenarios.BusyOnce, FakeWeComScenarios.ConflictOnce, FakeWeComScenarios.ConcurrencyLimitOnce })
            {
                using var response = await http.GetAsync($"{path}?access_token={DemoToken}");
                Say($"{path}: HTTP {(int)response.StatusCode} after {server.CallsTo(path)} calls");
            }

            await Show(() => http.GetAsync($"{FakeWeComScenarios.UntrustedIp}?access_token={DemoToken}"), "WeCom  60020");
        });
    }

    /// <summary>The token supply of one WeCom application: a token WeCom ended early (40014) is refreshed once and the call sent again once.</summary>
    public static async Task RunTokensAsync(FakeWeChatServer server)
    {
        const string corpId = "wwdemo00000000c0rp";
        const string secret = "DEMO_CORP_SECRET_5e2b7d";
        var tokens = server.IssueWeComTokens().AddApp(corpId, secret, "demo-app");
        var address = new Uri(server.BaseAddress, FakeWeComScenarios.Prefix);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new DemoConsoleLoggerProvider()));
        services.AddWeComAccessTokens(corpId, "1000002", o => { o.CorpSecret = secret; o.BaseAddress = address; });
        services.AddHttpClient("wecom", c => c.BaseAddress = address).AddWeComAccessToken(corpId, "1000002").AddWeChatErrorHandling();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wecom");

        await Scenario("12. WeCom token supply: gettoken per corp and application, 40014 recovered once", async () =>
        {
            (await client.GetAsync("cgi-bin/get_api_domain_ip")).EnsureSuccessStatusCode();
            tokens.Invalidate(corpId, secret);
            Say("WeCom ended the application's token early: the cached one answers 40014 now");
            using var response = await client.GetAsync("cgi-bin/get_api_domain_ip");
            Say($"caller got HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Say($"gettoken calls: {tokens.FetchesOf(corpId, secret)}; business calls: {server.CallsTo(FakeWeComScenarios.TokenChecked)}");
        });
    }

    private static async Task Show(Func<Task<HttpResponseMessage>> call, string label)
    {
        try
        {
            (await call()).Dispose();
        }
        catch (WeChatApiException ex)
        {
            var code = ex.Product == WeChatProduct.WeCom ? $"WeComErrorCode.{ex.WeComErrorCode}" : $"WeChatErrorCode.{ex.ErrorCode}";
            var ip = ex is WeChatIpNotWhitelistedException { CallerIp: { } callerIp } ? $", add {callerIp} to the trusted IPs" : string.Empty;
            Say($"{label}: {ex.GetType().Name}, {code}, kind {ex.Kind}, {ex.Attempts} attempt(s){ip}: {ex.Description}");
        }
    }
}
