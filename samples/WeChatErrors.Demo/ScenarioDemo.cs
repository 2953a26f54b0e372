using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.Demo;

/// <summary>Calls an embedded fake WeChat server through an HttpClient with AddWeChatErrorHandling, one scenario at a time.</summary>
internal static class ScenarioDemo
{
    private const double ClockSpeed = 120;
    private const string DemoToken = "DEMO_ACCESS_TOKEN_7f3a9c";

    public static async Task RunAsync()
    {
        await using var server = await FakeWeChatServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new DemoConsoleLoggerProvider()));
        var clock = new AcceleratedTimeProvider(ClockSpeed);
        services.AddSingleton<TimeProvider>(clock);
        services.AddHttpClient("wechat", c => c.BaseAddress = server.BaseAddress).AddWeChatErrorHandling();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        Console.WriteLine($"Fake WeChat server on {server.BaseAddress} (Kestrel, loopback). Retry timers run {ClockSpeed}x faster in this demo,");
        Console.WriteLine("so the wait for the next minute after 45011 takes under a second; every decision is the production one.");

        await Scenario("1. Success without errcode: the body reaches the caller untouched", async () =>
        {
            using var response = await http.GetAsync($"{FakeWeChatScenarios.Followers}?access_token={DemoToken}");
            var body = await response.Content.ReadAsStringAsync();
            Say($"HTTP {(int)response.StatusCode}, {body.Length} characters, identical to what the server sent: {body == FakeWeChatScenarios.FollowersJson}");
        });

        await Scenario("2. -1 system busy, then success: retried with backoff", async () =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"{FakeWeChatScenarios.BusyOnce}?access_token={DemoToken}");
            Say($"caller got HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Say($"server received {server.CallsTo(FakeWeChatScenarios.BusyOnce)} calls; {watch.ElapsedMilliseconds} ms");
        });

        await Scenario("3. 45011 per-minute limit, then success: waited for the next minute, then retried", async () =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"{FakeWeChatScenarios.MinuteQuotaOnce}?access_token={DemoToken}");
            Say($"caller got HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Say($"server received {server.CallsTo(FakeWeChatScenarios.MinuteQuotaOnce)} calls; {watch.ElapsedMilliseconds} ms of accelerated waiting");
        });

        await Scenario("4. 45009 daily quota: refused at once, never retried", async () =>
        {
            try
            {
                await http.GetAsync($"{FakeWeChatScenarios.DailyQuota}?access_token={DemoToken}");
            }
            catch (WeChatQuotaExceededException ex)
            {
                Say($"{ex.GetType().Name} after {ex.Attempts} attempt(s); server received {server.CallsTo(FakeWeChatScenarios.DailyQuota)} call(s)");
                Indent(ex.Message);
            }
        });

        await Scenario("5. 40001 stale token: WeChatAccessTokenException, token redacted", async () =>
        {
            try
            {
                await http.GetAsync($"{FakeWeChatScenarios.StaleToken}?access_token={DemoToken}&openid=o6_bmjrPTlm6_2sgVt7hMZOPfL2M&lang=zh_CN");
            }
            catch (WeChatAccessTokenException ex)
            {
                Say($"{ex.GetType().Name}: ErrorCode {ex.ErrorCode} ({ex.RawErrorCode}), RequestId {ex.RequestId}");
                Indent(ex.Message);
                Say($"the token appears in the exception's ToString(): {ex.ToString().Contains(DemoToken, StringComparison.Ordinal)}");
            }
        });

        await Scenario("6. 40001 stale token with token supply: refreshed once, sent again once, success", async () =>
        {
            const string appId = "wxdemo0000000000a1";
            var tokens = server.IssueTokens().AddApp(appId, "DEMO_APP_SECRET_d41d8c");
            var supplied = new ServiceCollection();
            supplied.AddLogging(b => b.AddProvider(new DemoConsoleLoggerProvider()));
            supplied.AddWeChatAccessTokens(appId, o => { o.AppSecret = "DEMO_APP_SECRET_d41d8c"; o.BaseAddress = server.BaseAddress; });
            supplied.AddHttpClient("wechat-tokens", c => c.BaseAddress = server.BaseAddress).AddWeChatAccessToken(appId).AddWeChatErrorHandling();
            await using var tokenProvider = supplied.BuildServiceProvider();
            var client = tokenProvider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat-tokens");

            (await client.GetAsync(FakeWeChatScenarios.TokenChecked)).EnsureSuccessStatusCode();
            tokens.Rotate(appId);
            Say("another server forced a new token: the cached one is stale now");
            using var response = await client.GetAsync(FakeWeChatScenarios.TokenChecked);
            Say($"caller got HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Say($"token fetches: {tokens.FetchesOf(appId)} (one at start, one after the 40001); forced refreshes: {tokens.ForcedRefreshesOf(appId)}; " +
                $"server received {server.CallsTo(FakeWeChatScenarios.TokenChecked)} calls");
        });

        await Scenario("7. 40164 caller IP not in the whitelist: the IP is parsed out", async () =>
        {
            try
            {
                await http.GetAsync($"{FakeWeChatScenarios.IpNotWhitelisted}?access_token={DemoToken}");
            }
            catch (WeChatIpNotWhitelistedException ex)
            {
                Say($"{ex.GetType().Name}: add {ex.CallerIp} to the API IP whitelist ({ex.Description})");
            }
        });

        await Scenario("8. Binary download: not buffered, not inspected, bytes untouched", async () =>
        {
            using var response = await http.GetAsync($"{FakeWeChatScenarios.MediaDownload}?access_token={DemoToken}&media_id=MEDIA_ID", HttpCompletionOption.ResponseHeadersRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Say($"{response.Content.Headers.ContentType}, {bytes.Length} bytes, identical: {bytes.AsSpan().SequenceEqual(FakeWeChatScenarios.Jpeg)}");
        });

        await Scenario("9. A body you already hold (a push callback): WeChatApiException.ThrowIfError", () =>
        {
            try
            {
                WeChatApiException.ThrowIfError("{\"errcode\":43004,\"errmsg\":\"require subscribe rid: 6745a3c1-00000000-00000001\"}"u8);
            }
            catch (WeChatApiException ex)
            {
                Say($"{ex.GetType().Name}: {ex.ErrorCode} ({ex.Kind}) {ex.Description}");
            }

            return Task.CompletedTask;
        });

        await WeComScenarioDemo.RunAsync(server, clock);
        await WeComScenarioDemo.RunTokensAsync(server);
        await OpenPlatformScenarioDemo.RunAsync(server);
    }

    internal static async Task Scenario(string title, Func<Task> run)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        await run();
    }

    internal static void Say(string line) => Console.WriteLine("   " + line);

    private static void Indent(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Console.WriteLine("   | " + line.TrimEnd('\r'));
        }
    }
}
