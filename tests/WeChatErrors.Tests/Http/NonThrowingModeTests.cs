using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

/// <summary><see cref="WeChatErrorHandlingOptions.ThrowOnError"/> off: the final WeChat error reaches the caller as its response.</summary>
public sealed class NonThrowingModeTests
{
    // Spacing, key order, a trailing member and non-ASCII text as sent: the caller must get exactly these bytes.
    private static readonly byte[] QuotaBody = Encoding.UTF8.GetBytes(
        "{ \"errcode\" : 45009,\n \"errmsg\":\"reach max api daily quota limit rid: 658cff8e-11111111-22222222\", \"备注\":\"é\" }");

    public static TheoryData<bool> Modes => new(SyncSend.Modes);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FinalError_ReachesTheCaller_WithStatusHeadersAndBodyIntact(bool sync)
    {
        using var harness = new HandlerHarness(o => o.ThrowOnError = false);
        var calls = 0;
        harness.Server.When(HandlerHarness.BaseAddress + "cgi-bin/get_current_selfmenu_info").Respond(_ =>
        {
            calls++;
            var content = new ByteArrayContent(QuotaBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, ReasonPhrase = "OK from WeChat" };
            answer.Headers.Add("X-Request-Trace", "trace-17");
            return answer;
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "cgi-bin/get_current_selfmenu_info?lang=zh_CN");
        using var response = sync ? harness.Client.Send(request) : await harness.Client.SendAsync(request);

        Assert.Equal(1, calls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK from WeChat", response.ReasonPhrase);
        Assert.Equal("trace-17", Assert.Single(response.Headers.GetValues("X-Request-Trace")));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(QuotaBody.Length, response.Content.Headers.ContentLength);
        Assert.Equal(QuotaBody, sync ? ReadAll(response.Content.ReadAsStream()) : await response.Content.ReadAsByteArrayAsync());
        Assert.Same(request, response.RequestMessage);

        var error = Assert.IsType<WeChatQuotaExceededException>(response.GetWeChatError());
        Assert.Equal(45009, error.RawErrorCode);
        Assert.Equal("658cff8e-11111111-22222222", error.RequestId);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("https://api.weixin.qq.com/cgi-bin/get_current_selfmenu_info?lang=zh_CN", error.RequestUri);
    }

    [Fact]
    public async Task SystemBusyThenSuccess_Heals_AndDisposesTheRetriedResponse()
    {
        using var harness = new HandlerHarness(o => { o.ThrowOnError = false; o.Retry.UseJitter = false; });
        var sent = Script(harness, "cgi-bin/user/get", WeChatBodies.SystemBusy, WeChatBodies.Followers);

        var pending = harness.Client.GetAsync("cgi-bin/user/get");
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, sent.Count);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
        Assert.Null(response.GetWeChatError());
        Assert.False(response.TryGetWeChatError(out var none));
        Assert.Null(none);
        Assert.Same(response, response.EnsureWeChatSuccess());
        Assert.True(sent[0].Disposed);
        Assert.Same(sent[1], response);
        Assert.False(sent[1].Disposed);
    }

    [SyncFact]
    public async Task SyncSend_SystemBusyThenSuccess_Heals()
    {
        using var harness = new HandlerHarness(o => { o.ThrowOnError = false; o.Retry.UseJitter = false; });
        var sent = Script(harness, "cgi-bin/user/get", WeChatBodies.SystemBusy, WeChatBodies.Followers);

        var pending = Task.Run(() => harness.Client.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/user/get")));
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, sent.Count);
        Assert.Null(response.GetWeChatError());
        Assert.True(sent[0].Disposed);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SystemBusyEveryTime_ReturnsTheLastResponse_AndDisposesTheOthers()
    {
        using var harness = new HandlerHarness(o => { o.ThrowOnError = false; o.Retry.UseJitter = false; });
        var sent = Script(harness, "cgi-bin/user/get", WeChatBodies.SystemBusy);

        var pending = harness.Client.GetAsync("cgi-bin/user/get");
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(4, sent.Count);
        Assert.Same(sent[3], response);
        Assert.All(sent.Take(3), r => Assert.True(r.Disposed));
        Assert.True(response.TryGetWeChatError(out var error));
        Assert.IsType<WeChatSystemBusyException>(error);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(WeChatBodies.SystemBusy, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DailyQuota_IsReturned_NotRetried()
    {
        using var harness = new HandlerHarness(o => o.ThrowOnError = false);
        var sent = Script(harness, "cgi-bin/x", WeChatBodies.DailyQuota, WeChatBodies.Ok);

        using var response = await harness.Client.GetAsync("cgi-bin/x");

        Assert.Single(sent);
        Assert.Equal(0, harness.Clock.TimersCreated);
        var error = Assert.IsType<WeChatQuotaExceededException>(response.GetWeChatError());
        Assert.Equal(WeChatErrorCode.ApiDailyQuotaReached, error.ErrorCode);
        Assert.Equal(WeChatBodies.DailyQuota, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CancelledDuringTheRetryDelay_Throws_AndDisposesTheErrorResponse()
    {
        using var harness = new HandlerHarness(o => { o.ThrowOnError = false; o.Retry.UseJitter = false; });
        var sent = Script(harness, "cgi-bin/user/get", WeChatBodies.SystemBusy, WeChatBodies.Followers);
        using var cts = new CancellationTokenSource();

        var pending = harness.Client.GetAsync("cgi-bin/user/get", cts.Token);
        await harness.Clock.WaitForTimersAsync(1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Single(sent);
        Assert.True(sent[0].Disposed);
    }

    [Theory]
    [InlineData(WeChatBodies.DailyQuota)]
    [InlineData(WeChatBodies.InvalidCredential)]
    [InlineData(WeChatBodies.IpNotInWhitelist)]
    [InlineData(WeChatBodies.MinuteQuota)]
    [InlineData(WeChatBodies.SystemBusy)]
    public async Task EnsureWeChatSuccess_ThrowsWhatTheThrowingModeThrows(string body)
    {
        using var throwing = new HandlerHarness(o => o.Retry.Enabled = false);
        throwing.Sequence("cgi-bin/user/info", body);
        using var returning = new HandlerHarness(o => { o.Retry.Enabled = false; o.ThrowOnError = false; });
        returning.Sequence("cgi-bin/user/info", body);

        var thrown = await Assert.ThrowsAnyAsync<WeChatApiException>(() => throwing.Client.GetAsync("cgi-bin/user/info?openid=o6_secret&lang=en"));
        using var response = await returning.Client.GetAsync("cgi-bin/user/info?openid=o6_secret&lang=en");
        var ensured = Assert.ThrowsAny<WeChatApiException>(() => response.EnsureWeChatSuccess());

        Assert.Same(response.GetWeChatError(), ensured);
        Assert.Equal(thrown.GetType(), ensured.GetType());
        Assert.Equal(thrown.RawErrorCode, ensured.RawErrorCode);
        Assert.Equal(thrown.ErrorCode, ensured.ErrorCode);
        Assert.Equal(thrown.RequestId, ensured.RequestId);
        Assert.Equal(thrown.Attempts, ensured.Attempts);
        Assert.Equal(thrown.RequestUri, ensured.RequestUri);
        Assert.Equal(thrown.Message, ensured.Message);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void GetWeChatError_ResponseNoHandlerSaw_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(WeChatBodies.DailyQuota) };

        Assert.Null(response.GetWeChatError());
        Assert.False(response.TryGetWeChatError(out _));
        Assert.Same(response, response.EnsureWeChatSuccess());
        Assert.Throws<ArgumentNullException>(() => ((HttpResponseMessage)null!).GetWeChatError());
        Assert.Throws<ArgumentNullException>(() => ((HttpResponseMessage)null!).EnsureWeChatSuccess());
    }

    [Fact]
    public async Task Success_HasNoError()
    {
        using var harness = new HandlerHarness(o => o.ThrowOnError = false);
        harness.Sequence("cgi-bin/user/get", WeChatBodies.Followers);

        using var response = await harness.Client.GetAsync("cgi-bin/user/get");

        Assert.Null(response.GetWeChatError());
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonWeChatResponse_PassesThroughAsBefore()
    {
        using var harness = new HandlerHarness(o => o.ThrowOnError = false);
        harness.Server.When(HandlerHarness.BaseAddress + "cgi-bin/media/get").Respond(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>");

        using var response = await harness.Client.GetAsync("cgi-bin/media/get");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(response.GetWeChatError());
        Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TransportFailure_StillThrows()
    {
        using var harness = new HandlerHarness(o => o.ThrowOnError = false);
        harness.Server.When("*").Throw(new HttpRequestException("connection refused"));

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAsync("cgi-bin/user/get"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task StaleToken_RecoveredOnce_ThenTheSecondErrorIsReturned(bool sync)
    {
        using var rig = new TokenRig(throwOnError: false, WeChatBodies.InvalidCredential);

        using var response = await rig.SendAsync("cgi-bin/user/info?openid=o1", sync);

        Assert.Equal(2, rig.Sent.Count);
        Assert.Equal(1, rig.Source.Invalidations);
        Assert.True(rig.Sent[0].Disposed);
        Assert.Same(rig.Sent[1], response);
        var error = Assert.IsType<WeChatAccessTokenException>(response.GetWeChatError());
        Assert.Equal(2, error.Attempts);
        Assert.Equal(WeChatBodies.InvalidCredential, await response.Content.ReadAsStringAsync());
        Assert.Equal("https://api.weixin.qq.com/cgi-bin/user/info?openid=o1", response.RequestMessage?.RequestUri?.AbsoluteUri);
        Assert.DoesNotContain(TokenRig.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleTokenThenSuccess_Heals()
    {
        using var rig = new TokenRig(throwOnError: false, WeChatBodies.InvalidCredential, WeChatBodies.Followers);

        using var response = await rig.SendAsync("cgi-bin/user/get", sync: false);

        Assert.Equal(2, rig.Sent.Count);
        Assert.Null(response.GetWeChatError());
        Assert.True(rig.Sent[0].Disposed);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenRefreshFails_Throws_AndDisposesTheStaleTokenResponse()
    {
        using var rig = new TokenRig(throwOnError: false, WeChatBodies.InvalidCredential);
        rig.Source.RefreshFailure = WeChatApiException.Create(40164, "invalid ip 203.0.113.7, not in whitelist");

        var ex = await Assert.ThrowsAsync<WeChatIpNotWhitelistedException>(() => rig.SendAsync("cgi-bin/user/get", sync: false));

        Assert.Same(rig.Source.RefreshFailure, ex);
        Assert.Single(rig.Sent);
        Assert.True(rig.Sent[0].Disposed);
    }

    [Fact]
    public async Task TokenSupplyFails_Throws()
    {
        using var rig = new TokenRig(throwOnError: false, WeChatBodies.Followers);
        rig.Source.FirstFetchFailure = WeChatApiException.Create(40164, "invalid ip 203.0.113.7, not in whitelist");

        await Assert.ThrowsAsync<WeChatIpNotWhitelistedException>(() => rig.SendAsync("cgi-bin/user/get", sync: false));
        Assert.Empty(rig.Sent);
    }

    [Fact]
    public void ThrowOnError_BindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WeChat:ErrorHandling:ThrowOnError"] = "false" }).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("returning").AddWeChatErrorHandling(configuration.GetSection("WeChat:ErrorHandling"));
        services.AddHttpClient("throwing").AddWeChatErrorHandling();
        using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>();

        Assert.False(monitor.Get("returning").ThrowOnError);
        Assert.True(monitor.Get("throwing").ThrowOnError);
        Assert.True(new WeChatErrorHandlingOptions().ThrowOnError);
    }

    [Fact]
    public async Task ThrowOnError_FromConfiguration_ReturnsTheError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ThrowOnError"] = "False" }).Build();
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", WeChatBodies.DailyQuota);
        var services = new ServiceCollection();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling(configuration)
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat").GetAsync("cgi-bin/x");

        Assert.IsType<WeChatQuotaExceededException>(response.GetWeChatError());
    }

    [Fact]
    public async Task Telemetry_CountsAndLogsTheSameInBothModes()
    {
        var throwing = await RecordTelemetryAsync(throwOnError: true);
        var returning = await RecordTelemetryAsync(throwOnError: false);

        Assert.Equal("errors=-1,45009 retries=-1 logs=1:WeChatRetry,2:WeChatError", throwing);
        Assert.Equal(throwing, returning);
    }

    private static async Task<string> RecordTelemetryAsync(bool throwOnError)
    {
        using var mock = new MockHttpMessageHandler();
        var bodies = new[] { WeChatBodies.SystemBusy, WeChatBodies.DailyQuota };
        var n = 0;
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(bodies[Math.Min(n++, 1)]) });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time).AddMetrics();
        services.AddFakeLogging();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
            .AddWeChatErrorHandling(o => { o.ThrowOnError = throwOnError; o.Retry.UseJitter = false; })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<IMeterFactory>();
        using var errors = new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.errors");
        using var retries = new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.retries");

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
        var pending = client.GetAsync("cgi-bin/user/get");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!pending.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var outcome = await Record.ExceptionAsync(async () => (await pending).Dispose());
        Assert.Equal(throwOnError, outcome is WeChatQuotaExceededException);

        var logs = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == "WeChatErrors.WeChatErrorHandler");
        return $"errors={Codes(errors)} retries={Codes(retries)} logs={string.Join(",", logs.Select(r => $"{r.Id.Id}:{r.Id.Name}"))}";

        static string Codes(MetricCollector<long> collector) => string.Join(",", collector.GetMeasurementSnapshot().Select(m => m.Tags["wechat.errcode"]));
    }

    /// <summary>Answers each call to <paramref name="path"/> with the next of <paramref name="bodies"/> (the last repeats), in a response that records its disposal.</summary>
    private static List<TrackedResponse> Script(HandlerHarness harness, string path, params string[] bodies)
    {
        var sent = new List<TrackedResponse>();
        harness.Server.When(HandlerHarness.BaseAddress + path).Respond(_ =>
        {
            var response = new TrackedResponse(bodies[Math.Min(sent.Count, bodies.Length - 1)]);
            sent.Add(response);
            return response;
        });
        return sent;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A response that records whether it was disposed.</summary>
    internal sealed class TrackedResponse : HttpResponseMessage
    {
        public TrackedResponse(string body)
            : base(HttpStatusCode.OK) => Content = HandlerHarness.Json(body);

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A client with a token supply (a fake source) and the handler, in front of MockHttp.</summary>
    private sealed class TokenRig : IDisposable
    {
        public const string Token = "TOKEN_d41d8cd98f00b204";

        private readonly MockHttpMessageHandler _server = new();
        private readonly ServiceProvider _provider;

        public TokenRig(bool throwOnError, params string[] bodies)
        {
            _server.When("*").Respond(_ =>
            {
                var response = new TrackedResponse(bodies[Math.Min(Sent.Count, bodies.Length - 1)]);
                Sent.Add(response);
                return response;
            });
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero)));
            services.AddSingleton<IWeChatAccessTokenSource>(Source);
            services.AddHttpClient("c", c => c.BaseAddress = new Uri(HandlerHarness.BaseAddress))
                .AddWeChatAccessToken("wx1")
                .AddWeChatErrorHandling(o => o.ThrowOnError = throwOnError)
                .ConfigurePrimaryHttpMessageHandler(() => _server);
            _provider = services.BuildServiceProvider();
        }

        public List<TrackedResponse> Sent { get; } = [];

        public FakeSource Source { get; } = new();

        public async Task<HttpResponseMessage> SendAsync(string path, bool sync)
        {
            var client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            return sync ? await Task.Run(() => client.Send(request)) : await client.SendAsync(request);
        }

        public void Dispose()
        {
            _provider.Dispose();
            _server.Dispose();
        }
    }

    private sealed class FakeSource : IWeChatAccessTokenSource
    {
        private int _invalidations;

        public int Invalidations => Volatile.Read(ref _invalidations);

        public Exception? FirstFetchFailure { get; set; }

        public Exception? RefreshFailure { get; set; }

        public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken)
        {
            var failure = Invalidations == 0 ? FirstFetchFailure : RefreshFailure;
            return failure is null ? new ValueTask<string>(TokenRig.Token + Invalidations) : throw failure;
        }

        public ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _invalidations);
            return default;
        }
    }
}
