using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.AccessTokens;

public sealed class WeComAccessTokenOptionsTests
{
    [Fact]
    public void Defaults()
    {
        var options = new WeComAccessTokenOptions();

        Assert.Equal(new Uri("https://qyapi.weixin.qq.com/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(3), options.RefreshBeforeExpiry);
        Assert.False(options.UseDistributedCache);
        Assert.Equal("WeChatErrors:AccessToken:", options.DistributedCacheKeyPrefix);
        Assert.Equal(string.Empty, options.CorpSecret);
    }

    [Fact]
    public void Registered_TheCorpAndAppAreSetAndTheOptionsValid()
    {
        var services = new ServiceCollection();
        services.AddWeComAccessTokens("ww1", "1000002", o => o.CorpSecret = "S");

        Assert.Empty(OptionsFailures.Of<WeComAccessTokenOptions>(services, "ww1:1000002"));
    }

    [Fact]
    public void Bound_FromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CorpSecret"] = "FROM_CONFIG",
            ["BaseAddress"] = "https://wecom.corp.example/",
            ["RefreshBeforeExpiry"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection().AddWeComAccessTokens("ww1", "contacts", configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WeComAccessTokenOptions>>().Get("ww1:contacts");

        Assert.Equal("FROM_CONFIG", options.CorpSecret);
        Assert.Equal(new Uri("https://wecom.corp.example/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshBeforeExpiry);
        Assert.Equal(("ww1", "contacts"), (options.CorpId, options.App));
    }

    [Theory]
    [InlineData("", "WeComAccessTokenOptions.CorpSecret is required for 'ww1:1000002'.")]
    [InlineData("   ", "WeComAccessTokenOptions.CorpSecret is required for 'ww1:1000002'.")]
    public void NoSecret_Fails(string secret, string expected)
    {
        var services = new ServiceCollection();
        services.AddWeComAccessTokens("ww1", "1000002", o => o.CorpSecret = secret);

        Assert.Contains(expected, OptionsFailures.Of<WeComAccessTokenOptions>(services, "ww1:1000002"));
    }

    [Fact]
    public void BadValues_FailWithTheirNames_NeverTheSecret()
    {
        var services = new ServiceCollection();
        services.AddWeComAccessTokens("ww1", "1000002", o =>
        {
            o.CorpSecret = "NEVER_QUOTED_SECRET";
            o.App = "other";
            o.BaseAddress = new Uri("ftp://x/");
            o.RefreshBeforeExpiry = TimeSpan.FromHours(1);
        });

        var failures = OptionsFailures.Of<WeComAccessTokenOptions>(services, "ww1:1000002");

        Assert.Contains(failures, f => f.StartsWith("WeComAccessTokenOptions.CorpId and App", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeComAccessTokenOptions.BaseAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeComAccessTokenOptions.RefreshBeforeExpiry", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("NEVER_QUOTED_SECRET", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(40001)] // 不合法的secret参数
    [InlineData(40091)] // secret不合法
    public async Task GetToken_WrongSecret_IsAConfigurationError_FetchedOnce(int code)
    {
        using var mock = new MockHttpMessageHandler();
        var fetches = 0;
        mock.When("https://qyapi.weixin.qq.com/cgi-bin/gettoken").Respond(_ =>
        {
            Interlocked.Increment(ref fetches);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json($"{{\"errcode\":{code},\"errmsg\":\"invalid secret, hint: [h]\"}}") };
        });
        var services = new ServiceCollection();
        services.AddWeComAccessTokens("ww1", "1000002", o => o.CorpSecret = "WRONG_0f");
        services.AddHttpClient(WeComAccessTokenDefaults.TokenClientName).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<IWeComAccessTokenSource>();

        var ex = await Assert.ThrowsAsync<WeChatConfigurationException>(() => source.GetTokenAsync("ww1", "1000002", CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<WeChatConfigurationException>(() => source.GetTokenAsync("ww1", "1000002", CancellationToken.None).AsTask());

        Assert.Equal((WeComErrorCode)code, ex.WeComErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(2, fetches); // once per call: a failed fetch is not cached, and never retried inside a call
        Assert.DoesNotContain("WRONG_0f", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredApplication_Throws()
    {
        var services = new ServiceCollection();
        services.AddWeComAccessTokens("ww1", "1000002", o => o.CorpSecret = "S");
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<IWeComAccessTokenSource>().GetTokenAsync("ww1", "other", CancellationToken.None).AsTask());

        Assert.Contains("AddWeComAccessTokens", ex.Message, StringComparison.Ordinal);
    }
}
