using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.DependencyInjection;

/// <summary>The recommended order: AddWeChatErrorHandling first (outer), AddStandardResilienceHandler after it (inner).</summary>
public class StandardResilienceCompositionTests
{
    [Fact]
    public async Task AddWeChatErrorHandlingThenStandardResilience_TransportFaultsAndWeChatErrorsAreEachRetriedOnce()
    {
        using var mock = new MockHttpMessageHandler();
        var answers = new Queue<Func<HttpResponseMessage>>(
        [
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(WeChatBodies.SystemBusy) },
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(WeChatBodies.Followers) },
        ]);
        var calls = 0;
        mock.When("*").Respond(_ =>
        {
            calls++;
            return answers.Dequeue()();
        });
        var services = new ServiceCollection();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling(o => o.Retry.BaseDelay = TimeSpan.Zero)
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.BackoffType = DelayBackoffType.Constant;
                o.Retry.UseJitter = false;
            }).Services.AddHttpClient("wechat").ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        using var response = await client.GetAsync("cgi-bin/user/get");

        Assert.Equal(3, calls);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddWeChatErrorHandlingThenStandardResilience_DailyQuotaIsNotRetriedByEither()
    {
        using var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When("*").Respond(_ =>
        {
            calls++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(WeChatBodies.DailyQuota) };
        });
        var services = new ServiceCollection();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling()
            .AddStandardResilienceHandler().Services.AddHttpClient("wechat").ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => client.GetAsync("cgi-bin/x"));

        Assert.Equal(1, calls);
    }
}
