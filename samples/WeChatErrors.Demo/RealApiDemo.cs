using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.Demo;

/// <summary>Calls the real WeChat API with the app id and secret from WECHAT_APPID and WECHAT_SECRET.</summary>
internal static class RealApiDemo
{
    public static async Task<int> RunAsync(Uri baseAddress)
    {
        var appId = Environment.GetEnvironmentVariable("WECHAT_APPID");
        var secret = Environment.GetEnvironmentVariable("WECHAT_SECRET");
        if (string.IsNullOrEmpty(appId) || string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine("Set WECHAT_APPID and WECHAT_SECRET to call the real API.");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddHttpClient("wechat", c => c.BaseAddress = baseAddress).AddWeChatErrorHandling();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        try
        {
            using var tokenResponse = await http.PostAsJsonAsync("cgi-bin/stable_token", new { grant_type = "client_credential", appid = appId, secret, force_refresh = false });
            var token = await tokenResponse.Content.ReadFromJsonAsync<StableToken>();
            Console.WriteLine($"stable_token: a token valid for {token?.expires_in} s");
            using var followers = await http.GetAsync($"cgi-bin/user/get?access_token={Uri.EscapeDataString(token?.access_token ?? string.Empty)}");
            Console.WriteLine($"user/get: HTTP {(int)followers.StatusCode}, {(await followers.Content.ReadAsStringAsync()).Length} characters");
            return 0;
        }
        catch (WeChatApiException ex)
        {
            Console.WriteLine($"{ex.GetType().Name}:");
            Console.WriteLine(ex.Message);
            return 1;
        }
    }

#pragma warning disable IDE1006, CA1812 // names follow WeChat's JSON; created by the JSON serializer
    private sealed record StableToken(string access_token, int expires_in);
#pragma warning restore IDE1006, CA1812
}
