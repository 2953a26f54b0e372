using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

public partial class WeChatErrorHandlerTests
{
    [Fact]
    public async Task SendAsync_ErrcodeInBody_ThrowsTypedExceptionWithDetails()
    {
        using var harness = new HandlerHarness();
        harness.Server.When(HandlerHarness.BaseAddress + "cgi-bin/user/get").Respond("application/json", WeChatBodies.InvalidCredential);

        var ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => harness.Client.GetAsync("cgi-bin/user/get?access_token=SECRET_TOKEN_123&next_openid="));

        Assert.Equal(WeChatErrorCode.InvalidCredential, ex.ErrorCode);
        Assert.Equal(40001, ex.RawErrorCode);
        Assert.StartsWith("invalid credential, access_token is invalid", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(WeChatBodies.Rid, ex.RequestId);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("GET", ex.RequestMethod);
        Assert.Equal(1, ex.Attempts);
        Assert.DoesNotContain("SECRET_TOKEN_123", ex.RequestUri, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET_TOKEN_123", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("cgi-bin/user/get", ex.RequestUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WeChatBodies.SystemBusy, typeof(WeChatSystemBusyException))]
    [InlineData(WeChatBodies.MinuteQuota, typeof(WeChatRateLimitException))]
    [InlineData(WeChatBodies.DailyQuota, typeof(WeChatQuotaExceededException))]
    [InlineData(WeChatBodies.IpNotInWhitelist, typeof(WeChatIpNotWhitelistedException))]
    [InlineData(WeChatBodies.InvalidCredential, typeof(WeChatAccessTokenException))]
    public async Task SendAsync_EachKind_ThrowsItsExceptionType(string body, Type expected)
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        harness.Server.When("*").Respond("application/json", body);

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.IsType(expected, ex);
    }

    [Theory]
    [InlineData(WeChatBodies.Followers)]
    [InlineData(WeChatBodies.Ok)]
    [InlineData(WeChatBodies.Token)]
    [InlineData("{\"errcode\":\"0\",\"errmsg\":\"ok\"}")]
    [InlineData("{\"resp\":[{\"errcode\":40001,\"errmsg\":\"nested\"}]}")]
    [InlineData("{\"base\":{\"errcode\":-1},\"x\":1}")]
    [InlineData("{\"errcode2\":40001,\"my_errcode\":1,\"note\":\"errcode\"}")]
    [InlineData("{\"msgid\":1253912252621750272,\"errcode\":0,\"errmsg\":\"ok\"}")]
    [InlineData("[{\"errcode\":40001}]")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"errcode\":40001,\"errmsg\":\"truncated")]
    [InlineData("{\"errcode\":40001,")]
    [InlineData("{\"errcode\":40001}}")]
    [InlineData("{\"errcode\":40001.5}")]
    [InlineData("{\"errcode\":true}")]
    public async Task SendAsync_NoTopLevelError_PassesBodyThroughIntact(string body)
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond("application/json", body);

        using var response = await harness.Client.GetAsync("cgi-bin/x");

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"errmsg\":\"last\",\"x\":[1,2,{\"errcode\":0}],\"errcode\":40001}", 40001)]
    [InlineData("{\"errcode\":\"40001\",\"errmsg\":\"string code\"}", 40001)]
    [InlineData("{\"errcode\":-1,\"errmsg\":\"negative\"}", -1)]
    [InlineData("{\"errcode\":0,\"errcode\":45009}", 45009)]
    [InlineData("{\n\t\"errcode\" : 45009 ,\r\n\t\"errmsg\" : \"pretty\"\r\n}", 45009)]
    [InlineData("\uFEFF{\"errcode\":45009}", 45009)]
    [InlineData("{\"err\\u0063ode\":45009}", 45009)]
    [InlineData("{\"errcode\":40001.0}", 40001)]
    public async Task SendAsync_TopLevelErrcodeInAnyForm_IsDetected(string body, int expected)
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        harness.Server.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) });

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(expected, (int?)ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_ErrcodeBeyond64Bits_IsReportedNotWrapped()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond("application/json", "{\"errcode\":123456789012345678901234567890,\"errmsg\":\"huge\"}");

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(long.MaxValue, ex.RawErrorCode);
        Assert.Equal(int.MaxValue, (int?)ex.ErrorCode);
        Assert.Contains("123456789012345678901234567890", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ErrcodeBeyond32Bits_KeepsExactRawValue()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond("application/json", "{\"errcode\":-4294967297}");

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(-4294967297L, ex.RawErrorCode);
        Assert.Equal(int.MinValue, (int?)ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_JsonErrorLabelledTextPlain_IsDetected()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond("text/plain", "{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}");

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync("cgi-bin/media/get?media_id=M"));

        Assert.Equal(40007, (int?)ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_BinaryDownload_IsNotReadByTheHandler()
    {
        using var harness = new HandlerHarness();
        var stream = new ObservedStream(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
        harness.Server.When("*").Respond(_ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        using var response = await harness.Client.GetAsync("cgi-bin/media/get?media_id=M", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(0, stream.BytesRead);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SendAsync_EmptyBodyWithGbkHtmlType_PassesThrough()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond(_ =>
        {
            var content = new ByteArrayContent([]);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/html; charset=gbk");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        using var response = await harness.Client.GetAsync("cgi-bin/token?grant_type=client_credential&appid=A&secret=S");

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("gbk", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task SendAsync_SuccessBody_ReadsTheSameWayEveryApiReadsIt()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond("application/json", WeChatBodies.Followers);

        using var r1 = await harness.Client.GetAsync("cgi-bin/user/get");
        Assert.Equal(WeChatBodies.Followers, await r1.Content.ReadAsStringAsync());
        using var r2 = await harness.Client.GetAsync("cgi-bin/user/get");
        using (var reader = new StreamReader(await r2.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(WeChatBodies.Followers, await reader.ReadToEndAsync());
        }

        using var r3 = await harness.Client.GetAsync("cgi-bin/user/get");
        var followers = await r3.Content.ReadFromJsonAsync<FollowerList>();
        Assert.Equal(2, followers!.Total);
        using var r4 = await harness.Client.GetAsync("cgi-bin/user/get");
        using (var reader = new StreamReader(r4.Content.ReadAsStream()))
        {
            Assert.Equal(WeChatBodies.Followers, reader.ReadToEnd());
        }
    }

    [Fact]
    public async Task SendAsync_UnknownLengthBody_IsInspectedAndReplayedIntact()
    {
        using var harness = new HandlerHarness();
        var body = Encoding.UTF8.GetBytes(WeChatBodies.Followers);
        harness.Server.When("*/err").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new OneWayStream(Encoding.UTF8.GetBytes(WeChatBodies.DailyQuota))) });
        harness.Server.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new OneWayStream(body)) });

        using var response = await harness.Client.GetAsync("ok");

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => harness.Client.GetAsync("cgi-bin/err"));
    }

    [Fact]
    public async Task SendAsync_UnknownLengthBodyLargerThanLimit_PassesThroughUntouched()
    {
        using var harness = new HandlerHarness(o => o.MaxInspectedBodySize = 1024);
        var body = Encoding.UTF8.GetBytes("{\"errcode\":45009,\"pad\":\"" + new string('x', 5000) + "\"}");
        harness.Server.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new OneWayStream(body)) });

        using var response = await harness.Client.GetAsync("cgi-bin/x");

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SendAsync_KnownLengthLargerThanLimit_IsNotRead()
    {
        using var harness = new HandlerHarness(o => o.MaxInspectedBodySize = 16);
        var stream = new ObservedStream(Encoding.UTF8.GetBytes(WeChatBodies.DailyQuota));
        harness.Server.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });

        using var response = await harness.Client.GetAsync("cgi-bin/x", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(0, stream.BytesRead);
        Assert.Equal(WeChatBodies.DailyQuota, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendAsync_DeepNesting_PassesThrough()
    {
        using var harness = new HandlerHarness();
        var body = new string('[', 10_000) + new string(']', 10_000);
        var deepObject = "{\"errcode\":40001,\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        harness.Server.When("*/a").Respond("application/json", body);
        harness.Server.When("*/b").Respond("application/json", deepObject);

        using var a = await harness.Client.GetAsync("a");
        using var b = await harness.Client.GetAsync("b");

        Assert.Equal(body, await a.Content.ReadAsStringAsync());
        Assert.Equal(deepObject, await b.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendAsync_InvalidUtf8_PassesThroughIntact()
    {
        using var harness = new HandlerHarness();
        byte[] body = [.. "{\"errcode\":40001,\"errmsg\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        harness.Server.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });

        using var response = await harness.Client.GetAsync("cgi-bin/x");

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task SendAsync_ErrorStatusWithWeChatBody_ThrowsWithStatus(HttpStatusCode status)
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        harness.Server.When("*").Respond(status, "application/json", WeChatBodies.SystemBusy);

        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.GetAsync("cgi-bin/x"));

        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_ErrorStatusWithoutWeChatBody_IsLeftToTheCaller()
    {
        using var harness = new HandlerHarness();
        harness.Server.When("*").Respond(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>");

        using var response = await harness.Client.GetAsync("cgi-bin/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendAsync_CancelledByCaller_ThrowsOperationCanceled()
    {
        using var harness = new HandlerHarness();
        using var cts = new CancellationTokenSource();
        harness.Server.When("*").Respond(async () =>
        {
            await cts.CancelAsync();
            cts.Token.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetAsync("cgi-bin/x", cts.Token));
    }

    [SyncFact]
    public void Send_Synchronous_DetectsErrorsAndPassesSuccess()
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        harness.Server.When("*/ok").Respond("application/json", WeChatBodies.Followers);
        harness.Server.When("*/err").Respond("application/json", WeChatBodies.DailyQuota);

        using var ok = harness.Client.Send(new HttpRequestMessage(HttpMethod.Get, "ok"));
        using (var reader = new StreamReader(ok.Content.ReadAsStream()))
        {
            Assert.Equal(WeChatBodies.Followers, reader.ReadToEnd());
        }

        Assert.Throws<WeChatQuotaExceededException>(() => harness.Client.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/err")));
    }

    [Fact]
    public async Task SendAsync_FinalErrorAndAThrowingLogger_FailsAsATaskAndDisposesTheResponse()
    {
        // Called through HttpMessageInvoker, whose SendAsync does not wrap the handler in an async method as HttpClient does.
        var content = new TrackingContent(WeChatBodies.InvalidCredential);
        using var handler = new WeChatErrorHandler(new WeChatErrorHandlingOptions(), null, new ThrowingLogger(), null)
        {
            InnerHandler = new CompletedResponseHandler(content),
        };
        using var invoker = new HttpMessageInvoker(handler);

        Task<HttpResponseMessage> sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.weixin.qq.com/cgi-bin/x"), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sending);
        Assert.True(content.IsDisposed);
    }

    private sealed record FollowerList(int Total, int Count);

    /// <summary>Answers at once, so the handler takes its synchronous path.</summary>
    private sealed class CompletedResponseHandler(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    private sealed class TrackingContent(string body) : ByteArrayContent(Encoding.UTF8.GetBytes(body))
    {
        public bool IsDisposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class ThrowingLogger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("The log sink is down.");
    }
}
