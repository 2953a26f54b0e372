using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;
using static WeChatErrors.Tests.Http.NonThrowingModeTests;

namespace WeChatErrors.Tests.Retry;

/// <summary><c>AddWeChatRetry</c>: the handler's retry as a Polly strategy of a pipeline of the caller's own.</summary>
public sealed class WeChatRetryPipelineTests : IDisposable
{
    private const string UserGet = "cgi-bin/user/get";
    private const string TemplateSend = "cgi-bin/message/template/send";

    private readonly MockHttpMessageHandler _server = new();
    private readonly List<TrackedResponse> _sent = [];
    private ServiceProvider? _provider;

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResilienceHandlerOutsideTheHandler_SystemBusyThenSuccess_Heals(bool throwOnError)
    {
        Script(UserGet, WeChatBodies.SystemBusy, WeChatBodies.Followers);
        var client = Client(throwOnError, b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }));

        using var response = await client.GetAsync(UserGet);

        Assert.Equal(2, _sent.Count);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
        Assert.Null(response.GetWeChatError());
        Assert.True(_sent[0].Disposed);
    }

    [Fact]
    public async Task ResilienceHandler_WaitsTheBackoffOnItsTimeProvider()
    {
        Script(UserGet, WeChatBodies.SystemBusy, WeChatBodies.Followers);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero));
        var clock = new TimerCountingTimeProvider(time);
        // 30 s: a wait that only the fake clock can end within the test.
        var options = new WeChatRetryOptions { UseJitter = false, BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) };
        var client = Client(throwOnError: true, b => b.AddWeChatRetry(options), clock);

        var pending = client.GetAsync(UserGet);
        await clock.WaitForTimersAsync(1);
        Assert.Single(_sent);
        time.Advance(TimeSpan.FromMilliseconds(29_999));
        await Task.Yield();
        Assert.Single(_sent);
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending;

        Assert.Equal(2, _sent.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResilienceHandler_MessageSendAfterSystemBusy_IsNotResent(bool throwOnError)
    {
        Script(TemplateSend, WeChatBodies.SystemBusy, WeChatBodies.Ok);
        var client = Client(throwOnError, b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }));

        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.PostAsync(TemplateSend, HandlerHarness.Json("{\"touser\":\"o1\"}"));
            Assert.IsType<WeChatSystemBusyException>(response.GetWeChatError());
        });

        Assert.Single(_sent);
        Assert.Equal(throwOnError ? typeof(WeChatSystemBusyException) : null, outcome?.GetType());
    }

    [Fact]
    public async Task ResilienceHandler_MessageSendWithOptIn_IsResent()
    {
        Script(TemplateSend, WeChatBodies.SystemBusy, WeChatBodies.Ok);
        var client = Client(throwOnError: true, b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }));
        using var request = new HttpRequestMessage(HttpMethod.Post, TemplateSend) { Content = HandlerHarness.Json("{}") }.AllowWeChatMessageRetry();

        using var response = await client.SendAsync(request);

        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task ResilienceHandler_DailyQuota_IsNotRetried()
    {
        Script(UserGet, WeChatBodies.DailyQuota, WeChatBodies.Followers);
        var client = Client(throwOnError: true, b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }));

        await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => client.GetAsync(UserGet));
        Assert.Single(_sent);
    }

    [Fact]
    public async Task ResilienceHandler_SystemBusyEveryTime_StopsAtTheBudget()
    {
        Script(UserGet, WeChatBodies.SystemBusy);
        var client = Client(throwOnError: true, b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero, MaxRetryAttempts = 2 }));

        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => client.GetAsync(UserGet));

        Assert.Equal(3, _sent.Count);
        Assert.Equal(1, ex.Attempts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandlersOwnRetriesLeftOn_TheTwoRetriesDoNotMultiply(bool throwOnError)
    {
        Script(UserGet, WeChatBodies.SystemBusy);
        var services = new ServiceCollection();
        var builder = services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress));
        builder.AddResilienceHandler("wechat-retry", b => b.AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }));
        builder.AddWeChatErrorHandling(o => { o.ThrowOnError = throwOnError; o.Retry.BaseDelay = TimeSpan.Zero; })
            .ConfigurePrimaryHttpMessageHandler(() => _server);
        _provider = services.BuildServiceProvider();
        var client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        var error = throwOnError
            ? await Assert.ThrowsAsync<WeChatSystemBusyException>(() => client.GetAsync(UserGet))
            : (await client.GetAsync(UserGet)).GetWeChatError();

        // The handler's 1 + 3 attempts, not (1 + 3) x (1 + 3).
        Assert.Equal(4, _sent.Count);
        Assert.Equal(4, error?.Attempts);
    }

    [Theory]
    [InlineData(UserGet, 2)]
    [InlineData(TemplateSend, 1)]
    public async Task PipelineAroundHttpClient_WithoutTheRequest_DecidesByTheErrorsUrl(string path, int expectedSends)
    {
        Script(path, WeChatBodies.SystemBusy, WeChatBodies.Ok);
        var client = Client(throwOnError: true, configure: null);
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddWeChatRetry(new WeChatRetryOptions { BaseDelay = TimeSpan.Zero }).Build();

        await Record.ExceptionAsync(async () => (await pipeline.ExecuteAsync(async ct => await client.PostAsync(path, HandlerHarness.Json("{}"), ct))).Dispose());

        Assert.Equal(expectedSends, _sent.Count);
    }

    [Fact]
    public void AddWeChatRetry_Arguments()
    {
        Assert.Throws<ArgumentNullException>(() => ((ResiliencePipelineBuilder<HttpResponseMessage>)null!).AddWeChatRetry());
        var ex = Assert.Throws<ArgumentException>(() => new ResiliencePipelineBuilder<HttpResponseMessage>().AddWeChatRetry(new WeChatRetryOptions { MaxRetryAttempts = 50 }));
        Assert.Contains("MaxRetryAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ResiliencePipelineBuilder<HttpResponseMessage>().AddWeChatRetry(new WeChatRetryOptions { AdditionalRetryErrorCodes = { 45009 } }));
    }

    [Fact]
    public async Task AddWeChatRetry_Disabled_AddsNothing()
    {
        Script(UserGet, WeChatBodies.SystemBusy, WeChatBodies.Ok);
        var client = Client(throwOnError: true, b => b.AddWeChatRetry(new WeChatRetryOptions { Enabled = false }));

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => client.GetAsync(UserGet));
        Assert.Single(_sent);
    }

    private void Script(string path, params string[] bodies) => _server.When(HandlerHarness.BaseAddress + path).Respond(_ =>
    {
        lock (_sent)
        {
            var response = new TrackedResponse(bodies[Math.Min(_sent.Count, bodies.Length - 1)]);
            _sent.Add(response);
            return response;
        }
    });

    private HttpClient Client(bool throwOnError, Action<ResiliencePipelineBuilder<HttpResponseMessage>>? configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var builder = services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress));
        if (configure is not null)
        {
            builder.AddResilienceHandler("wechat-retry", configure);
        }

        builder.AddWeChatErrorHandling(o => { o.ThrowOnError = throwOnError; o.Retry.Enabled = false; }).ConfigurePrimaryHttpMessageHandler(() => _server);
        _provider = services.BuildServiceProvider();
        return _provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
    }
}
