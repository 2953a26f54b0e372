using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FakeWeChat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WeChatErrors.Tests.Integration;

/// <summary>The ASP.NET sample, hosted in memory, calling the fake WeChat server on a real Kestrel socket.</summary>
public sealed class AspNetSampleTests : IAsyncLifetime
{
    private const string AppSecret = "SAMPLE_APP_SECRET_5e1b";
    private const string AppId = "wx0000000000000001";

    private FakeWeChatServer _wechat = null!;
    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        _wechat = await FakeWeChatServer.StartAsync();
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("WeChat:BaseAddress", _wechat.BaseAddress.ToString())
            .UseSetting("WeChat:AppId", AppId)
            .UseSetting("WeChat:AppSecret", AppSecret)
            .UseSetting("WeChat:ErrorHandling:Retry:BaseDelay", "00:00:00.001")
            .UseSetting("WeChat:ErrorHandling:Retry:MaxRateLimitWait", "00:00:00"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _wechat.DisposeAsync();
    }

    [Fact]
    public async Task Followers_SystemBusyOnce_IsRetriedAndServed()
    {
        _wechat.Script(FakeWeChatScenarios.Followers, FakeResponse.Error(-1, "system error"), FakeResponse.Json(FakeWeChatScenarios.FollowersJson));
        using var client = _app.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>("/followers");

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(2, _wechat.CallsTo(FakeWeChatScenarios.Followers));
        Assert.All(_wechat.QueriesTo(FakeWeChatScenarios.Followers), q => Assert.Contains(FakeWeChatScenarios.IssuedToken, q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Followers_MinuteQuota_Becomes503WithRetryAfter()
    {
        _wechat.Script(FakeWeChatScenarios.Followers, FakeResponse.Error(45011, "api minute-quota reach limit, must slower, retry next minute rid: 6745a3c1-1a2b3c4d-5e6f7a8b"));
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/followers");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(45011, problem.GetProperty("errcode").GetInt32());
        Assert.Equal("6745a3c1-1a2b3c4d-5e6f7a8b", problem.GetProperty("rid").GetString());
        Assert.Equal(1, _wechat.CallsTo(FakeWeChatScenarios.Followers));
    }

    [Fact]
    public async Task Followers_StaleToken_Becomes502WithoutSecrets()
    {
        _wechat.Script(FakeWeChatScenarios.Followers, FakeResponse.Error(40001, "invalid credential, access_token is invalid or not latest rid: 6745a3c1-1a2b3c4d-5e6f7a8b"));
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/followers");
        var payload = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("\"errcode\":40001", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeWeChatScenarios.IssuedToken, payload, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_HealthyBeforeAndAfterTheFirstToken()
    {
        using var client = _app.CreateClient();

        using var before = await client.GetAsync("/health");
        (await client.GetAsync("/followers")).EnsureSuccessStatusCode();
        using var after = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("Healthy", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var check = Assert.Single((await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray());
        Assert.Equal("wechat-access-token-" + AppId, check.GetProperty("name").GetString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal(1, _wechat.CallsTo(FakeWeChatScenarios.StableToken));
    }

    [Fact]
    public async Task Health_TokenEndpointAnswers40164_UnhealthyWithTheCodeAndNoSecret()
    {
        _wechat.Script(FakeWeChatScenarios.StableToken, FakeResponse.Error(40164, $"invalid ip 203.0.113.7, not in whitelist, secret={AppSecret} rid: {FakeWeChatScenarios.Rid}"));
        using var client = _app.CreateClient();

        using var call = await client.GetAsync("/followers");
        using var health = await client.GetAsync("/health");
        var payload = await health.Content.ReadAsStringAsync();
        var check = Assert.Single(JsonDocument.Parse(payload).RootElement.GetProperty("checks").EnumerateArray());

        Assert.Equal(HttpStatusCode.BadGateway, call.StatusCode);
        Assert.Contains("\"errcode\":40164", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal(40164, check.GetProperty("data").GetProperty("errcode").GetInt32());
        Assert.Equal(FakeWeChatScenarios.Rid, check.GetProperty("data").GetProperty("rid").GetString());
        Assert.Contains("whitelist", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, payload, StringComparison.Ordinal);
        Assert.Equal(0, _wechat.CallsTo(FakeWeChatScenarios.Followers));
    }

    [Fact]
    public async Task TemplateMessage_SystemBusy_IsNotRetried()
    {
        _wechat.Script(FakeWeChatScenarios.TemplateSend, FakeResponse.Error(-1, "system error"), FakeResponse.Json("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1}"));
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/template-messages", new { touser = "OPENID", template_id = "T", data = new { first = new { value = "hi" } } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _wechat.CallsTo(FakeWeChatScenarios.TemplateSend));
    }

    [Fact]
    public async Task TemplateMessage_Success_KeepsTheFull64BitMsgId()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/template-messages", new { touser = "OPENID", template_id = "T", data = new { first = new { value = "hi" } } });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1253912252621750272, result.GetProperty("msgid").GetInt64());
    }
}
