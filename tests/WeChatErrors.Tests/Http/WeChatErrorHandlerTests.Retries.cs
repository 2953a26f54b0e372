using System.Net;
using System.Text;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

public partial class WeChatErrorHandlerTests
{
    [Fact]
    public async Task SendAsync_SystemBusyThenSuccess_RetriesAndReturnsSuccess()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence("cgi-bin/user/get", WeChatBodies.SystemBusy, WeChatBodies.Followers);

        var pending = harness.Client.GetAsync("cgi-bin/user/get");
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, calls.Count);
        Assert.Equal(WeChatBodies.Followers, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendAsync_SystemBusyEveryTime_ThrowsLastErrorWithAttempts()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.SystemBusy);

        var pending = harness.Client.GetAsync("cgi-bin/x");
        await harness.CompleteRetriesAsync(pending);
        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => pending);

        Assert.Equal(4, calls.Count);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(WeChatErrorCode.SystemBusy, ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_BackoffDelays_DoubleFromBaseDelay()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.SystemBusy);

        var pending = harness.Client.GetAsync("cgi-bin/x");
        foreach (var (retry, delayMs) in new[] { (1, 200), (2, 400), (3, 800) })
        {
            await harness.Clock.WaitForTimersAsync(retry);
            harness.Time.Advance(TimeSpan.FromMilliseconds(delayMs - 1));
            await Task.Yield();
            Assert.Equal(retry, calls.Count);
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await WaitForAsync(() => calls.Count == retry + 1);
        }

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => pending);
    }

    [Fact]
    public async Task SendAsync_MinuteQuota_WaitsForTheNextMinuteThenRetries()
    {
        using var harness = new HandlerHarness(o => o.Retry.RateLimitJitter = TimeSpan.Zero);
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.MinuteQuota, WeChatBodies.Ok);

        // The clock starts at 12:00:15, so the next minute starts in 45 s.
        var pending = harness.Client.GetAsync("cgi-bin/x");
        await harness.Clock.WaitForTimersAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(44));
        await Task.Yield();
        Assert.Equal(1, calls.Count);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.Equal(2, calls.Count);
        Assert.Equal(WeChatBodies.Ok, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendAsync_MinuteQuotaBeyondWaitBudget_ThrowsAtOnceWithRetryAfter()
    {
        using var harness = new HandlerHarness(o => o.Retry.MaxRateLimitWait = TimeSpan.FromSeconds(10));
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.MinuteQuota, WeChatBodies.Ok);

        var ex = await Assert.ThrowsAsync<WeChatRateLimitException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(1, calls.Count);
        Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
    }

    [Theory]
    [InlineData(WeChatBodies.DailyQuota)]
    [InlineData(WeChatBodies.InvalidCredential)]
    [InlineData(WeChatBodies.IpNotInWhitelist)]
    [InlineData("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}")]
    public async Task SendAsync_ErrorsARetryCannotFix_AreNotRetried(string body)
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence("cgi-bin/x", body, WeChatBodies.Ok);

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(1, calls.Count);
        Assert.Equal(1, ex.Attempts);
    }

    [Fact]
    public async Task SendAsync_DisableWeChatRetry_SendsOnce()
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence("cgi-bin/message/template/send", WeChatBodies.SystemBusy, WeChatBodies.Ok);
        using var request = new HttpRequestMessage(HttpMethod.Post, "cgi-bin/message/template/send").DisableWeChatRetry();

        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.SendAsync(request));

        Assert.Equal(1, calls.Count);
        Assert.Equal(1, ex.Attempts);
    }

    [Fact]
    public async Task SendAsync_RetriesDisabledInOptions_SendsOnce()
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.SystemBusy, WeChatBodies.Ok);

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task SendAsync_NonRetryErrorCodes_OverridesTheKind()
    {
        using var harness = new HandlerHarness(o => o.Retry.NonRetryErrorCodes.Add(-1));
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.SystemBusy, WeChatBodies.Ok);

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task SendAsync_AdditionalRetryErrorCodes_AreRetriedWithBackoff()
    {
        using var harness = new HandlerHarness(o => o.Retry.AdditionalRetryErrorCodes.Add(40003));
        var calls = harness.Sequence("cgi-bin/x", "{\"errcode\":40003}", WeChatBodies.Ok);

        var pending = harness.Client.GetAsync("cgi-bin/x");
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task SendAsync_StreamRequestBody_IsResentWithTheSameBytes()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var received = new List<byte[]>();
        harness.Server.When("*").Respond(async request =>
        {
            received.Add(await request.Content!.ReadAsByteArrayAsync());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json(received.Count == 1 ? WeChatBodies.SystemBusy : WeChatBodies.Ok) };
        });
        var upload = Encoding.UTF8.GetBytes("media bytes that can be read only once");
        using var request = new HttpRequestMessage(HttpMethod.Post, "cgi-bin/media/upload?type=image") { Content = new StreamContent(new OneWayStream(upload)) };

        var pending = harness.Client.SendAsync(request);
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, received.Count);
        Assert.Equal(upload, received[0]);
        Assert.Equal(upload, received[1]);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringRetryDelay_StopsAtOnce()
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.MinuteQuota, WeChatBodies.Ok);
        using var cts = new CancellationTokenSource();

        var pending = harness.Client.GetAsync("cgi-bin/x", cts.Token);
        await harness.Clock.WaitForTimersAsync(1);
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task SendAsync_HttpClientTimeoutDuringRetryDelay_StopsAtOnce()
    {
        using var harness = new HandlerHarness();
        harness.Client.Timeout = TimeSpan.FromMilliseconds(300);
        var calls = harness.Sequence("cgi-bin/x", WeChatBodies.MinuteQuota, WeChatBodies.Ok);

        // HttpClient's own timer is real time; the retry delay waits on the fake clock, which never moves here.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetAsync("cgi-bin/x"));
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task SendAsync_DiscardedErrorResponses_AreDisposed()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var contents = new List<TrackedContent>();
        harness.Server.When("*").Respond(_ =>
        {
            var content = new TrackedContent(contents.Count == 0 ? WeChatBodies.SystemBusy : WeChatBodies.Ok);
            contents.Add(content);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var pending = harness.Client.GetAsync("cgi-bin/x");
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.True(contents[0].Disposed);
        Assert.False(contents[1].Disposed);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Bounded by time, not by a count of yields: on a loaded machine the resend's continuation can take longer to run.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Yield();
        }

        Assert.True(condition());
    }

    private sealed class TrackedContent(string body) : ByteArrayContent(Encoding.UTF8.GetBytes(body))
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
