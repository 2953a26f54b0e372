using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace WeChatErrors.Tests.Integration.Clients;

/// <summary>
/// What the REST client tests share: the fake WeChat server in token-issuing mode on a real socket, and two factory clients
/// of one AppID whose token comes from the supply, one in each mode of <see cref="WeChatErrorHandlingOptions.ThrowOnError"/>.
/// </summary>
internal sealed class ClientRig : IAsyncDisposable
{
    public const string AppId = "wxc0000000000000c1";
    public const string AppSecret = "APPSECRET_c1_7e3f9a2b5d";

    /// <summary><c>-1</c> once, then success (once per server: each test starts its own).</summary>
    public const string BusyOnce = FakeWeChatScenarios.BusyOnce;

    /// <summary><c>45009</c> every time.</summary>
    public const string DailyQuota = FakeWeChatScenarios.DailyQuota;

    /// <summary>Succeeds with the AppID that owns the token sent; <c>40001</c> for a stale one.</summary>
    public const string TokenChecked = FakeWeChatScenarios.TokenChecked;

    private readonly ServiceProvider _provider;

    private ClientRig(FakeWeChatServer server)
    {
        Server = server;
        Tokens = server.IssueTokens().AddApp(AppId, AppSecret);
        var services = new ServiceCollection();
        services.AddWeChatAccessTokens(AppId, o => { o.AppSecret = AppSecret; o.BaseAddress = server.BaseAddress; });
        foreach (var throwOnError in new[] { true, false })
        {
            services.AddHttpClient(Name(throwOnError), c => c.BaseAddress = server.BaseAddress)
                .AddWeChatAccessToken(AppId)
                .AddWeChatErrorHandling(o => { o.ThrowOnError = throwOnError; o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1); });
        }

        _provider = services.BuildServiceProvider();
    }

    public FakeWeChatServer Server { get; }

    public FakeTokenIssuer Tokens { get; }

    public static async Task<ClientRig> StartAsync() => new(await FakeWeChatServer.StartAsync());

    /// <summary>Returns a factory client: <paramref name="throwOnError"/> says which mode.</summary>
    public HttpClient Client(bool throwOnError) => _provider.GetRequiredService<IHttpClientFactory>().CreateClient(Name(throwOnError));

    /// <summary>
    /// Asserts that a token was issued and sent to <paramref name="path"/> (so there was one to leak), and that neither it nor the
    /// AppSecret is in any of <paramref name="texts"/>.
    /// </summary>
    public void AssertNoSecret(string path, IEnumerable<string?> texts)
    {
        var tokens = Tokens.IssuedTokens;
        Assert.NotEmpty(tokens);
        Assert.Contains(Server.QueriesTo(path), q => tokens.Any(t => q.Contains("access_token=" + t, StringComparison.Ordinal)));
        var all = texts.Select(t => t ?? string.Empty).ToArray();
        Assert.NotEmpty(all);
        foreach (var secret in tokens.Append(AppSecret))
        {
            Assert.All(all, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    /// <summary>Every text an exception offers: its <c>ToString()</c> (the whole chain), and each exception's message and data.</summary>
    public static IEnumerable<string?> TextsOf(Exception? exception)
    {
        if (exception is null)
        {
            yield break;
        }

        yield return exception.ToString();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            foreach (DictionaryEntry entry in e.Data)
            {
                yield return entry.Value?.ToString();
            }
        }
    }

    /// <summary>Every text a request message offers: its URI and its <c>ToString()</c>.</summary>
    public static IEnumerable<string?> TextsOf(HttpRequestMessage? request) => request is null ? [] : [request.RequestUri?.ToString(), request.ToString()];

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static string Name(bool throwOnError) => throwOnError ? "throwing" : "returning";
}

/// <summary>A WeChat answer as an SDK models it: <c>errcode</c>, <c>errmsg</c>, and whatever else came.</summary>
public sealed class WeChatResult
{
    [JsonPropertyName("errcode")]
    public long ErrorCode { get; set; }

    [JsonPropertyName("errmsg")]
    public string? ErrorMessage { get; set; }

    [JsonPropertyName("appid")]
    public string? AppId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; set; }
}

/// <summary>The calls of the Refit tests; Refit's source generator writes the client.</summary>
public interface IWeChatRefitApi
{
    [Get("/" + ClientRig.TokenChecked)]
    Task<WeChatResult> GetCallbackIpAsync();

    [Get("/" + ClientRig.BusyOnce)]
    Task<WeChatResult> GetTagsAsync();

    [Get("/" + ClientRig.DailyQuota)]
    Task<WeChatResult> GetMenuAsync();

    [Get("/" + ClientRig.DailyQuota)]
    Task<IApiResponse<WeChatResult>> GetMenuApiResponseAsync();

    [Get("/" + ClientRig.DailyQuota)]
    Task<HttpResponseMessage> GetMenuResponseAsync();
}
