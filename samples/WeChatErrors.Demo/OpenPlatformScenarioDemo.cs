using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static WeChatErrors.Demo.ScenarioDemo;

namespace WeChatErrors.Demo;

/// <summary>A third-party platform (第三方平台) calling for an account it was authorized by: the tokens heal themselves, once.</summary>
internal static class OpenPlatformScenarioDemo
{
    private const string Platform = "wxdem0c0mp0nent001";
    private const string PlatformSecret = "DEMO_COMPONENT_SECRET_4c8e1a";
    private const string Account = "wxdem0acc0unt00001";

    public static async Task RunAsync(FakeWeChatServer server)
    {
        var platform = server.IssueOpenPlatformTokens().AddComponent(Platform, PlatformSecret);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new DemoConsoleLoggerProvider()));
        services.AddWeChatOpenPlatform(Platform, o => { o.ComponentAppSecret = PlatformSecret; o.BaseAddress = server.BaseAddress; });
        services.AddHttpClient("account", c => c.BaseAddress = server.BaseAddress).AddWeChatAuthorizerToken(Platform, Account).AddWeChatErrorHandling();
        await using var provider = services.BuildServiceProvider();
        var tickets = provider.GetRequiredService<IWeChatComponentTokenSource>();
        var accounts = provider.GetRequiredService<IWeChatAuthorizerTokenSource>();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("account");

        await Scenario("13. Open platform: an authorizer call recovered once (40001), then a refresh token WeChat no longer takes (61023)", async () =>
        {
            // What the application does: hand in each pushed ticket, and each new authorization's code.
            await tickets.SetComponentVerifyTicketAsync(Platform, platform.LatestTicket(Platform));
            var authorization = await accounts.CompleteAuthorizationAsync(Platform, platform.CreateAuthorizationCode(Platform, Account));
            Say($"authorized: {authorization}");
            (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();

            platform.InvalidateAuthorizerToken(Platform, Account);
            Say("the account's token was refreshed elsewhere: the cached one answers 40001 now");
            using (var response = await http.GetAsync(FakeOpenPlatform.CheckedPath))
            {
                Say($"caller got HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            Say($"api_authorizer_token calls: {platform.AuthorizerRefreshes(Platform, Account)}; business calls: {platform.CheckedCalls}");

            platform.InvalidateRefreshToken(Platform, Account);
            platform.InvalidateAuthorizerToken(Platform, Account);
            Say("the stored refresh token is no longer valid either (61023): the current one comes from api_get_authorizer_info");
            using (var response = await http.GetAsync(FakeOpenPlatform.CheckedPath))
            {
                Say($"caller got HTTP {(int)response.StatusCode}; api_authorizer_token calls: {platform.AuthorizerRefreshes(Platform, Account)}, api_get_authorizer_info calls: {platform.AuthorizerInfoCalls(Platform, Account)}");
            }

            platform.Revoke(Platform, Account);
            try
            {
                (await http.GetAsync(FakeOpenPlatform.CheckedPath)).Dispose();
            }
            catch (WeChatReauthorizationRequiredException ex)
            {
                Say($"the account revoked the authorization: {ex.GetType().Name}, WeChatErrorCode.{ex.ErrorCode}, account {ex.AuthorizerAppId}; no further refresh");
            }
        });
    }
}
