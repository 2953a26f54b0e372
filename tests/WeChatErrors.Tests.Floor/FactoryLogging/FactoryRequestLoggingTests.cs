using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.FactoryLogging;

/// <summary>
/// HttpClientFactory's request logs of a WeChat client hold no secret: not the token the caller put in the URL, not the tokens
/// the supply adds (once per attempt, retries and recoveries included), not the <c>secret</c> of <c>cgi-bin/token</c>. Before
/// Microsoft.Extensions.Http 9 the factory's default loggers write whole URLs, so this runs in the floor project (8.0.0) and,
/// linked, in the main test project (10). Nothing but the library and Microsoft.Extensions.Logging: a test-only logging or mock
/// package would lift the floor.
/// </summary>
public sealed class FactoryRequestLoggingTests : IDisposable
{
    private const string CallerToken = "CALLER_TOKEN_61f0a9c2";
    private const string StableApp = "wxstable000000001";
    private const string CredentialApp = "wxcredential00001";
    private const string StableSecret = "STABLE_SECRET_7e3b11";
    private const string CredentialSecret = "CREDENTIAL_SECRET_a4c90d";
    private const string CorpSecret = "CORP_SECRET_0d5e7a";
    private const string Platform = "wxplatform0000001";
    private const string PlatformSecret = "COMPONENT_SECRET_5b8e2f";
    private const string Ticket = "TICKET_c3a9e1@@@floor";
    private const string RefreshToken = "REFRESH_TOKEN_9e1d4b";

    private readonly ITestOutputHelper _output;
    private readonly Queue<string> _userInfoAnswers = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly Wire _wire;
    private int _issued;

    public FactoryRequestLoggingTests(ITestOutputHelper output)
    {
        _output = output;
        _wire = new Wire(Respond);
    }

    public void Dispose() => _wire.Dispose();

    [Fact]
    public async Task NoSecretInAnyFactoryLogLine_CallerTokens_SuppliedTokens_RecoveredTokens_TokenEndpointSecret()
    {
        await using var provider = Build();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        // The caller's own token, retried once after -1: two attempts.
        Answer("""{"errcode":-1,"errmsg":"system error"}""");
        (await factory.CreateClient("caller").GetAsync($"cgi-bin/user/info?access_token={CallerToken}&openid=o1&lang=zh_CN")).Dispose();

        // Supplied tokens from both token endpoints; then a stale one recovered once (a second fetch, a resend).
        (await factory.CreateClient("stable").GetAsync("cgi-bin/user/info?openid=o1&lang=zh_CN")).Dispose();
        (await factory.CreateClient("credential").GetAsync("cgi-bin/user/info?openid=o1&lang=zh_CN")).Dispose();
        Answer("""{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}""");
        (await factory.CreateClient("stable").GetAsync("cgi-bin/user/info?openid=o1&lang=zh_CN")).Dispose();

        // A WeCom token, whose gettoken URL carries the corpsecret; also on a client without error handling.
        (await factory.CreateClient("wecom").GetAsync("cgi-bin/user/get?userid=u1")).Dispose();
        (await factory.CreateClient("wecombare").GetAsync("cgi-bin/user/get?userid=u1")).Dispose();

        // A third-party platform: its component token on the account's refresh, the account's token on the call.
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, Ticket);
        await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().SetRefreshTokenAsync(Platform, "wxaccount00000001", RefreshToken);
        (await factory.CreateClient("account").GetAsync("cgi-bin/user/info?openid=o1&lang=zh_CN")).Dispose();

        var records = _logs.Snapshot().Where(r => r.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal)).ToList();
        foreach (var group in records.GroupBy(r => r.Category))
        {
            _output.WriteLine($"{group.Key}: {group.Count()} lines");
        }

        Assert.True(_issued >= 3, $"{_issued} tokens issued");
        var secrets = new List<string> { CallerToken, StableSecret, CredentialSecret, CorpSecret, PlatformSecret, Ticket, RefreshToken, "ROTATED_" + RefreshToken };
        secrets.AddRange(Enumerable.Range(1, _issued).Select(Token));
        Assert.All(records, record => Assert.All(secrets, secret => Assert.DoesNotContain(secret, record.Text, StringComparison.Ordinal)));

        // The lines are there, once per call at the logical level and once per attempt at the client level, and say what was called.
        Assert.Equal(2, Count(records, "caller.LogicalHandler"));
        Assert.Equal(4, Count(records, "caller.ClientHandler"));
        Assert.Equal(4, Count(records, "stable.LogicalHandler"));
        Assert.Equal(6, Count(records, "stable.ClientHandler"));
        Assert.Contains(records, r => r.Category.EndsWith("caller.ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/user/info?access_token=REDACTED&openid=REDACTED&lang=zh_CN", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.EndsWith("WeChatErrors.AccessTokens.ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/token?grant_type=client_credential&appid=" + CredentialApp + "&secret=REDACTED", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.EndsWith("WeChatErrors.WeComAccessTokens.ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/gettoken?corpid=REDACTED&corpsecret=REDACTED", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.EndsWith("wecombare.ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/user/get?userid=REDACTED&access_token=REDACTED", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.EndsWith("WeChatErrors.OpenPlatform:" + Platform + ".ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/component/api_authorizer_token?component_access_token=REDACTED", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.EndsWith("account.ClientHandler", StringComparison.Ordinal)
            && r.Message.Contains("/cgi-bin/user/info?openid=REDACTED&lang=zh_CN&access_token=REDACTED", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Scopes.Contains("HTTP GET https://api.weixin.qq.com/cgi-bin/user/info?", StringComparison.Ordinal));
    }

    private static int Count(List<CapturedLine> records, string categorySuffix) =>
        records.Count(r => r.Category.EndsWith("." + categorySuffix, StringComparison.Ordinal));

    private static string Token(int n) => $"ISSUED_TOKEN_{n}_9b7c55e1";

    private string Respond(HttpRequestMessage request)
    {
        switch (request.RequestUri!.AbsolutePath)
        {
            case "/cgi-bin/stable_token" or "/cgi-bin/token" or "/cgi-bin/gettoken":
                return $"{{\"access_token\":\"{Token(Interlocked.Increment(ref _issued))}\",\"expires_in\":7200}}";
            case "/cgi-bin/component/api_component_token":
                return $"{{\"component_access_token\":\"{Token(Interlocked.Increment(ref _issued))}\",\"expires_in\":7200}}";
            case "/cgi-bin/component/api_authorizer_token":
                return $"{{\"authorizer_access_token\":\"{Token(Interlocked.Increment(ref _issued))}\",\"expires_in\":7200,\"authorizer_refresh_token\":\"ROTATED_{RefreshToken}\"}}";
        }

        lock (_userInfoAnswers)
        {
            return _userInfoAnswers.Count > 0 ? _userInfoAnswers.Dequeue() : """{"errcode":0,"errmsg":"ok"}""";
        }
    }

    private void Answer(string body)
    {
        lock (_userInfoAnswers)
        {
            _userInfoAnswers.Enqueue(body);
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs))
            .ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => _wire));
        services.AddWeChatAccessTokens(StableApp, o => o.AppSecret = StableSecret);
        services.AddWeChatAccessTokens(CredentialApp, o => { o.AppSecret = CredentialSecret; o.Endpoint = WeChatAccessTokenEndpoint.ClientCredential; });
        services.AddWeComAccessTokens("wwfloor0000000001", "1000002", o => o.CorpSecret = CorpSecret);
        var baseAddress = new Uri("https://api.weixin.qq.com/");
        services.AddHttpClient("wecom", c => c.BaseAddress = new Uri("https://qyapi.weixin.qq.com/")).AddWeComAccessToken("wwfloor0000000001", "1000002").AddWeChatErrorHandling();
        services.AddHttpClient("wecombare", c => c.BaseAddress = new Uri("https://qyapi.weixin.qq.com/")).AddWeComAccessToken("wwfloor0000000001", "1000002");
        services.AddWeChatOpenPlatform(Platform, o => o.ComponentAppSecret = PlatformSecret);
        services.AddHttpClient("account", c => c.BaseAddress = baseAddress).AddWeChatAuthorizerToken(Platform, "wxaccount00000001").AddWeChatErrorHandling();
        services.AddHttpClient("caller", c => c.BaseAddress = baseAddress).AddWeChatErrorHandling(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1));
        services.AddHttpClient("stable", c => c.BaseAddress = baseAddress).AddWeChatAccessToken(StableApp).AddWeChatErrorHandling();
        services.AddHttpClient("credential", c => c.BaseAddress = baseAddress).AddWeChatAccessToken(CredentialApp).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }

    /// <summary>The primary handler of every client: answers the token endpoints and <c>user/info</c> from memory.</summary>
    private sealed class Wire(Func<HttpRequestMessage, string> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(request), Encoding.UTF8, "application/json") });
    }
}
