using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.DependencyInjection;

public class WeChatHttpClientBuilderExtensionsTests
{
    [Fact]
    public void AddWeChatErrorHandling_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => WeChatHttpClientBuilderExtensions.AddWeChatErrorHandling(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddHttpClient("c").AddWeChatErrorHandling((IConfiguration)null!));
    }

    [Fact]
    public async Task AddWeChatErrorHandling_NamedClient_ThrowsTypedExceptions()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", WeChatBodies.DailyQuota);
        var services = new ServiceCollection();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling()
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => client.GetAsync("cgi-bin/x"));
    }

    [Fact]
    public async Task AddWeChatErrorHandling_TypedClient_ThrowsTypedExceptions()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", WeChatBodies.InvalidCredential);
        var services = new ServiceCollection();
        services.AddHttpClient<FollowerClient>(c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling()
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<FollowerClient>();

        await Assert.ThrowsAsync<WeChatAccessTokenException>(client.GetAsync);
    }

    [Fact]
    public async Task AddWeChatErrorHandling_CalledTwice_AddsOneHandlerAndBothConfigurations()
    {
        using var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When("*").Respond(_ =>
        {
            calls++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(WeChatBodies.SystemBusy) };
        });
        var services = new ServiceCollection();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling(o => o.Retry.MaxRetryAttempts = 1)
            .AddWeChatErrorHandling(o => o.Retry.BaseDelay = TimeSpan.Zero)
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        var handlers = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("wechat").HttpMessageHandlerBuilderActions;
        var builder = new TestHandlerBuilder(provider);
        foreach (var action in handlers)
        {
            action(builder);
        }

        Assert.Single(builder.AdditionalHandlers.OfType<WeChatErrorHandler>());
        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat").GetAsync("x"));
        Assert.Equal(2, calls);
        Assert.Equal(2, ex.Attempts);
    }

    [Fact]
    public void AddWeChatErrorHandling_OptionsAreNamedPerClient()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddWeChatErrorHandling(o => o.Retry.MaxRetryAttempts = 1);
        services.AddHttpClient("b").AddWeChatErrorHandling(o => o.Retry.MaxRetryAttempts = 5);
        using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>();

        Assert.Equal(1, monitor.Get("a").Retry.MaxRetryAttempts);
        Assert.Equal(5, monitor.Get("b").Retry.MaxRetryAttempts);
    }

    [Fact]
    public void AddWeChatErrorHandling_FromConfiguration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:MaxInspectedBodySize"] = "2048",
            ["WeChat:LoggedQueryParameters:0"] = "openid",
            ["WeChat:Retry:Enabled"] = "true",
            ["WeChat:Retry:MaxRetryAttempts"] = "2",
            ["WeChat:Retry:BaseDelay"] = "00:00:00.5",
            ["WeChat:Retry:MaxDelay"] = "00:00:03",
            ["WeChat:Retry:UseJitter"] = "false",
            ["WeChat:Retry:MaxRateLimitRetryAttempts"] = "0",
            ["WeChat:Retry:MaxRateLimitWait"] = "00:00:20",
            ["WeChat:Retry:RateLimitJitter"] = "00:00:02",
            ["WeChat:Retry:AdditionalRetryErrorCodes:0"] = "89401",
            ["WeChat:Retry:NonRetryErrorCodes:0"] = "-1",
            ["WeChat:Retry:RetryMessageSends"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(configuration.GetSection("WeChat"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>().Get("wechat");

        Assert.Equal(2048, options.MaxInspectedBodySize);
        Assert.Contains("OPENID", options.LoggedQueryParameters);
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.MaxDelay);
        Assert.False(options.Retry.UseJitter);
        Assert.Equal(0, options.Retry.MaxRateLimitRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.MaxRateLimitWait);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retry.RateLimitJitter);
        Assert.Contains(89401, options.Retry.AdditionalRetryErrorCodes);
        Assert.Contains(-1, options.Retry.NonRetryErrorCodes);
        Assert.True(options.Retry.RetryMessageSends);
    }

    [Fact]
    public void AddWeChatErrorHandling_UnreadableConfigurationValue_NamesTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WeChat:Retry:MaxRetryAttempts"] = "three" }).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(configuration.GetSection("WeChat"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>().Get("wechat"));

        Assert.Equal("Failed to convert configuration value at 'WeChat:Retry:MaxRetryAttempts' to type 'System.Int32'.", ex.Message);
    }

    [Theory]
    [InlineData(-1, null, "MaxRetryAttempts")]
    [InlineData(3, 45009, "must not hold 45009 (DailyQuota)")]
    [InlineData(3, 40001, "must not hold 40001 (AccessToken)")]
    public void AddWeChatErrorHandling_InvalidOptions_FailAtStartWithAClearMessage(int maxRetries, int? additionalCode, string expected)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(o =>
        {
            o.Retry.MaxRetryAttempts = maxRetries;
            if (additionalCode is int code)
            {
                o.Retry.AdditionalRetryErrorCodes.Add(code);
            }
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWeChatErrorHandling_MaxDelayShorterThanBaseDelay_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromSeconds(2);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>().Get("wechat"));

        Assert.Contains("MaxDelay (00:00:01) must not be shorter than BaseDelay (00:00:02)", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FollowerClient(HttpClient client)
    {
        public Task<string> GetAsync() => client.GetStringAsync("cgi-bin/user/get");
    }

    private sealed class TestHandlerBuilder(IServiceProvider services) : HttpMessageHandlerBuilder
    {
        public override string? Name { get; set; }

        public override HttpMessageHandler PrimaryHandler { get; set; } = new HttpClientHandler();

        public override IList<DelegatingHandler> AdditionalHandlers { get; } = [];

        public override IServiceProvider Services => services;

        public override HttpMessageHandler Build() => CreateHandlerPipeline(PrimaryHandler, AdditionalHandlers);
    }
}
