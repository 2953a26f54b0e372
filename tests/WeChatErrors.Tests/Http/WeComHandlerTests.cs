using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

/// <summary>One client registered with <c>AddWeChatErrorHandling()</c> reads WeChat answers with the WeChat table and WeCom answers with WeCom's.</summary>
public sealed class WeComHandlerTests : IDisposable
{
    private const string WeChatUrl = "https://api.weixin.qq.com/cgi-bin/user/get?access_token=WECHAT_TOKEN_9f";
    private const string WeComUrl = "https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=WECOM_TOKEN_7e&userid=zhangsan";

    private readonly MockHttpMessageHandler _server = new();
    private readonly FakeTimeProvider _time = new(TestErrors.Now);
    private readonly List<ServiceProvider> _providers = [];
    private int _calls;

    public void Dispose()
    {
        _providers.ForEach(p => p.Dispose());
        _server.Dispose();
    }

    [Fact]
    public async Task Errcode40001_OnBothHosts_IsAStaleTokenInWeChatAndAWrongCorpSecretInWeCom()
    {
        var http = Client(WeComBodies.InvalidCorpSecret);

        var wechat = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync(WeChatUrl));
        var wecom = await Assert.ThrowsAsync<WeChatConfigurationException>(() => http.GetAsync(WeComUrl));

        Assert.Equal(WeChatProduct.WeChat, wechat.Product);
        Assert.Equal(WeChatErrorCode.InvalidCredential, wechat.ErrorCode);
        Assert.Null(wechat.WeComErrorCode);
        Assert.Equal(WeChatProduct.WeCom, wecom.Product);
        Assert.Equal(WeComErrorCode.InvalidCorpSecret, wecom.WeComErrorCode);
        Assert.Null(wecom.ErrorCode);
        Assert.Equal(40001, wecom.RawErrorCode);
        Assert.Equal(WeChatErrorKind.Configuration, wecom.Kind);
        Assert.False(wecom.IsTransient);
        Assert.Equal(1, wecom.Attempts);
        Assert.Equal(WeComBodies.Hint, wecom.RequestId);
        Assert.DoesNotContain("InvalidCredential", wecom.Message, StringComparison.Ordinal);
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=REDACTED&userid=REDACTED", wecom.RequestUri);
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task Errcode45009_OnBothHosts_IsADailyQuotaInWeChatAndAFrequencyLimitInWeCom()
    {
        var http = Client(WeComBodies.FrequencyLimited);

        var wechat = await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => http.GetAsync(WeChatUrl));
        var wecom = await Assert.ThrowsAsync<WeChatRateLimitException>(() => http.GetAsync(WeComUrl));

        Assert.Equal(WeChatErrorCode.ApiDailyQuotaReached, wechat.ErrorCode);
        Assert.Equal(WeChatErrorKind.DailyQuota, wechat.Kind);
        Assert.Equal(WeComErrorCode.ApiCallLimitExceeded, wecom.WeComErrorCode);
        Assert.Equal(WeChatErrorKind.RateLimit, wecom.Kind);
        Assert.Null(wecom.RetryAfter);

        // Neither is retried: the daily quota would only burn more, the WeCom block lasts an unknown window.
        Assert.Equal(1, wechat.Attempts);
        Assert.Equal(1, wecom.Attempts);
        Assert.Equal(2, _calls);
        Assert.DoesNotContain("daily", wecom.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CatchBlocks_CatchBothProducts()
    {
        var http = Client(WeComBodies.InvalidCorpSecret);

        // The configuration catch of a caller written for WeChat catches the WeCom wrong secret too.
        WeChatConfigurationException? caught = null;
        try
        {
            await http.GetAsync("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=CORP_SECRET_abc123");
        }
        catch (WeChatConfigurationException ex)
        {
            caught = ex;
        }

        Assert.NotNull(caught);
        Assert.DoesNotContain("CORP_SECRET_abc123", caught.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://gateway.example.com/qyapi/cgi-bin/user/get", WeChatProduct.WeCom)]
    [InlineData("https://GATEWAY.example.com/QYAPI/cgi-bin/user/get", WeChatProduct.WeCom)]
    [InlineData("https://gateway.example.com/wechat/cgi-bin/user/get", WeChatProduct.WeChat)]
    [InlineData("https://gateway.example.com/qyapix/cgi-bin/user/get", WeChatProduct.WeChat)]
    [InlineData("http://127.0.0.1:8081/cgi-bin/user/get", WeChatProduct.WeCom)]
    [InlineData("http://127.0.0.1:8080/cgi-bin/user/get", WeChatProduct.WeChat)]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/user/get", WeChatProduct.WeCom)]
    public async Task WeComHosts_AddsProxiesAndPrivateDeployments(string url, WeChatProduct expected)
    {
        var http = Client(WeComBodies.InvalidCorpSecret, o =>
        {
            o.WeComHosts.Add("gateway.example.com/qyapi");
            o.WeComHosts.Add("127.0.0.1:8081");
        });

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => http.GetAsync(url));

        Assert.Equal(expected, ex.Product);
        Assert.Equal(expected == WeChatProduct.WeCom ? typeof(WeChatConfigurationException) : typeof(WeChatAccessTokenException), ex.GetType());
    }

    [Fact]
    public async Task WeComHosts_BoundFromConfiguration_AddToTheDefault()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WeComHosts:0"] = "wecom.corp.example:8443" })
            .Build();
        var http = Client(WeComBodies.InvalidCorpSecret, configuration: configuration);

        var own = await Assert.ThrowsAnyAsync<WeChatApiException>(() => http.GetAsync("https://wecom.corp.example:8443/cgi-bin/user/get"));
        var official = await Assert.ThrowsAnyAsync<WeChatApiException>(() => http.GetAsync(WeComUrl));

        Assert.Equal(WeChatProduct.WeCom, own.Product);
        Assert.Equal(WeChatProduct.WeCom, official.Product);
    }

    [Fact]
    public async Task WeComHosts_Cleared_ReadsQyapiAsWeChat()
    {
        var http = Client(WeComBodies.InvalidCorpSecret, o => o.WeComHosts.Clear());

        var ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync(WeComUrl));

        Assert.Equal(WeChatProduct.WeChat, ex.Product);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://files.example.com")]
    [InlineData("host.example.com/path?x=1")]
    public void WeComHosts_EntryWithoutAHost_FailsValidationWithItsName(string entry)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddWeChatErrorHandling(o => o.WeComHosts.Add(entry));

        var failure = Assert.Single(OptionsFailures.Of<WeChatErrorHandlingOptions>(services, "c"));

        Assert.Contains("WeChatErrorHandlingOptions.WeComHosts", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void WeComHosts_Default_IsTheWeComApiHost()
    {
        Assert.Equal(["qyapi.weixin.qq.com"], new WeChatErrorHandlingOptions().WeComHosts);
        Assert.Contains("QYAPI.weixin.qq.com", new WeChatErrorHandlingOptions().WeComHosts);
        Assert.Empty(OptionsFailures.Of<WeChatErrorHandlingOptions>(Services(), "c"));
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddWeChatErrorHandling();
        return services;
    }

    private HttpClient Client(string body, Action<WeChatErrorHandlingOptions>? configure = null, IConfiguration? configuration = null)
    {
        _server.When("*").Respond(_ =>
        {
            Interlocked.Increment(ref _calls);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(body) };
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddHttpClient("c").ConfigurePrimaryHttpMessageHandler(() => _server);
        if (configuration is not null)
        {
            builder.AddWeChatErrorHandling(configuration);
        }
        else if (configure is not null)
        {
            builder.AddWeChatErrorHandling(configure);
        }
        else
        {
            builder.AddWeChatErrorHandling();
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        _ = provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>().Get("c");
        return provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
    }
}
