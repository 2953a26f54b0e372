using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// Faults between the server and the caller. Each ends in a clear outcome: the typed exception, a pass-through, or the
/// transport's own exception as the caller would get it without the handler; never a hang, never a wrong code.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly byte[] ErrorJson = Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest rid: 1-2-3\"}" + new string(' ', 900));

    public enum TransportFault
    {
        ResetMidBody,
        CloseAfterHeaders,
        CloseMidBody,
        ResetAfterHeaders,
    }

    public static TheoryData<TransportFault, bool, bool> TransportFaults()
    {
        var data = new TheoryData<TransportFault, bool, bool>();
        foreach (var fault in Enum.GetValues<TransportFault>())
        {
            foreach (var chunked in new[] { false, true })
            {
                foreach (var sync in SyncSend.Modes)
                {
                    data.Add(fault, chunked, sync);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TransportFaults))]
    public async Task BrokenConnection_SurfacesTheTransportsOwnException_NotRetried(TransportFault fault, bool chunked, bool sync)
    {
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync(RawExchange.Headers("application/json", chunked ? null : ErrorJson.Length));
            if (fault is TransportFault.ResetMidBody or TransportFault.CloseMidBody)
            {
                var half = ErrorJson.AsMemory(0, 60);
                await (chunked ? exchange.WriteAsync(Encoding.ASCII.GetBytes($"{ErrorJson.Length:x}\r\n").Concat(half.ToArray()).ToArray()) : exchange.WriteAsync(half));
                await Task.Delay(50);
            }

            if (fault is TransportFault.ResetMidBody or TransportFault.ResetAfterHeaders)
            {
                exchange.Reset();
            }
            else
            {
                exchange.Close();
            }
        });

        using var plain = FaultClients.Create(server.BaseAddress, withHandler: false);
        using var handled = FaultClients.Create(server.BaseAddress, withHandler: true);
        var baseline = await FaultClients.RunAsync(plain, FaultClients.Get("cgi-bin/user/get?access_token=T"), sync);
        var before = server.Requests;
        var outcome = await FaultClients.RunAsync(handled, FaultClients.Get("cgi-bin/user/get?access_token=T"), sync);
        output.WriteLine($"without handler: {baseline}\nwith handler:    {outcome}");

        Assert.NotNull(baseline.Exception);
        Assert.NotNull(outcome.Exception);
        Assert.IsNotAssignableFrom<WeChatApiException>(outcome.Exception);
        Assert.Equal(baseline.Exception!.GetType(), outcome.Exception!.GetType());
        if (baseline.Exception is HttpRequestException expected && TestedBuild.SetsHttpRequestError)
        {
            Assert.Equal(expected.HttpRequestError, ((HttpRequestException)outcome.Exception).HttpRequestError);
        }

        Assert.Equal(1, server.Requests - before);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(true, true)]
    public async Task TruncatedJson_PassesThroughByteForByte(bool chunked, bool sync)
    {
        var truncated = Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is inva");
        await using var server = RawHttpServer.Answering(truncated, "text/plain", chunked);
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true);

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("sns/oauth2/access_token?code=C"), sync);

        Assert.Null(outcome.Exception);
        Assert.Equal(truncated, outcome.Bytes);
        Assert.Equal(1, server.Requests);
    }

    public enum Slowness
    {
        NoHeaders,
        HeadersThenSilence,
        BodyTrickles,
    }

    public static TheoryData<Slowness, bool, bool> SlowCases()
    {
        var data = new TheoryData<Slowness, bool, bool>();
        foreach (var slowness in Enum.GetValues<Slowness>())
        {
            foreach (var sync in SyncSend.Modes)
            {
                data.Add(slowness, false, sync);
                data.Add(slowness, true, sync);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SlowCases))]
    public async Task SlowServer_CallersCancellation_EndsTheCallPromptly(Slowness slowness, bool chunked, bool sync)
    {
        await using var server = SlowServer(slowness, chunked);
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), sync, cts.Token);
        output.WriteLine($"{outcome.Elapsed.TotalMilliseconds:N0} ms: {outcome}");

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10), $"took {outcome.Elapsed}");
        Assert.InRange(server.Requests, 0, 1);
    }

    [Theory]
    [MemberData(nameof(SlowCases))]
    public async Task SlowServer_HttpClientTimeout_EndsTheCallAsATimeout(Slowness slowness, bool chunked, bool sync)
    {
        await using var server = SlowServer(slowness, chunked);
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true);
        client.Timeout = TimeSpan.FromMilliseconds(300);

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), sync);
        output.WriteLine($"{outcome.Elapsed.TotalMilliseconds:N0} ms: {outcome}");

        var canceled = Assert.IsType<TaskCanceledException>(outcome.Exception);
        Assert.IsType<TimeoutException>(canceled.InnerException);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10), $"took {outcome.Elapsed}");
        Assert.InRange(server.Requests, 0, 1);
    }

    [Theory]
    [InlineData("{\"errcode\":-1,\"errmsg\":\"system error\"}", false)]
    [InlineData("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}", false)]
    [InlineData("{\"errcode\":-1,\"errmsg\":\"system error\"}", true)]
    [InlineData("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}", true)]
    public async Task PendingRetryDelay_IsCutByCancellationAndByTimeout(string body, bool timeout)
    {
        await using var server = RawHttpServer.Answering(Encoding.UTF8.GetBytes(body));

        // Real delays: 30 s backoff, and a 45011 wait that runs to the next minute (at least 10 s away on this clock).
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true, o => o.Retry.BaseDelay = TimeSpan.FromSeconds(30), new WallClockAt(new DateTimeOffset(2026, 11, 25, 12, 0, 10, TimeSpan.Zero)));
        using var cts = new CancellationTokenSource();
        if (timeout)
        {
            client.Timeout = TimeSpan.FromMilliseconds(400);
        }
        else
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(400));
        }

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), cancellationToken: cts.Token);
        output.WriteLine($"{outcome.Elapsed.TotalMilliseconds:N0} ms: {outcome}");

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        if (timeout)
        {
            Assert.IsType<TimeoutException>(canceled.InnerException);
        }
        else
        {
            Assert.Equal(cts.Token, canceled.CancellationToken);
        }

        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(8), $"took {outcome.Elapsed}");
        Assert.InRange(server.Requests, 0, 1);
    }

    [Theory]
    [InlineData(false)]
    [SyncInlineData(true)]
    public async Task RetriedRequest_WithAStreamBody_SendsTheSameBytesEachTime(bool sync)
    {
        var upload = Encoding.UTF8.GetBytes("{\"touser\":\"o6_x\",\"msgtype\":\"text\",\"text\":{\"content\":\"" + new string('z', 70_000) + "\"}}");
        var busy = Encoding.UTF8.GetBytes("{\"errcode\":-1,\"errmsg\":\"system error\"}");
        var ok = Encoding.UTF8.GetBytes("{\"errcode\":0,\"errmsg\":\"ok\"}");
        await using var server = new RawHttpServer(e => e.WriteResponseAsync(e.RequestNumber < 3 ? busy : ok, "application/json", chunked: e.RequestNumber == 2));
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true);

        var outcome = await FaultClients.RunAsync(
            client,
            () => new HttpRequestMessage(HttpMethod.Post, "cgi-bin/media/upload?type=image") { Content = new StreamContent(new OneWayStream(upload)) },
            sync);

        Assert.Null(outcome.Exception);
        Assert.Equal(ok, outcome.Bytes);
        Assert.Equal(3, server.Requests);
        Assert.All(server.RequestBodies, body => Assert.Equal(upload, body));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(true, true)]
    public async Task TenMegabyteBodies_SuccessArrivesWhole_ErrorAtTheEndIsFound(bool chunked, bool sync)
    {
        var items = string.Concat(Enumerable.Repeat("{\"openid\":\"o6_bmjrPTlm6_2sgVt7hMZOPfL2M\",\"errcode\":40001},", 10 * 1024 * 1024 / 52));
        var success = Encoding.UTF8.GetBytes("{\"errcode\":0,\"data\":[" + items + "{}]}");
        var error = Encoding.UTF8.GetBytes("{\"data\":[" + items + "{}],\"errmsg\":\"last\",\"errcode\":40001}");
        Assert.True(success.Length >= 10 * 1024 * 1024);
        await using var server = new RawHttpServer(e => e.WriteResponseAsync(e.RequestNumber == 1 ? success : error, "application/json", chunked));
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true);

        var first = await FaultClients.RunAsync(client, FaultClients.Get("datacube/get"), sync);
        var second = await FaultClients.RunAsync(client, FaultClients.Get("datacube/get"), sync);

        Assert.Null(first.Exception);
        Assert.True(success.AsSpan().SequenceEqual(first.Bytes), "the 10 MB success body changed");
        var ex = Assert.IsType<WeChatAccessTokenException>(second.Exception);
        Assert.Equal(40001, ex.RawErrorCode);
        Assert.Equal("last", ex.ErrorMessage);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(true, true)]
    public async Task TenMegabyteError_AboveMaxInspectedBodySize_PassesThroughUntouched(bool chunked, bool sync)
    {
        var error = Encoding.UTF8.GetBytes("{\"errmsg\":\"" + new string('a', 10 * 1024 * 1024) + "\",\"errcode\":40001}");
        await using var server = RawHttpServer.Answering(error, "text/plain", chunked);
        using var client = FaultClients.Create(server.BaseAddress, withHandler: true, o => o.MaxInspectedBodySize = 1024 * 1024);

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/media/get"), sync);

        Assert.Null(outcome.Exception);
        Assert.True(error.AsSpan().SequenceEqual(outcome.Bytes), "the body changed");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(true, true)]
    public async Task EmptyGbkHtmlBody_PassesThroughAsWithoutTheHandler(bool chunked, bool sync)
    {
        await using var server = RawHttpServer.Answering([], "text/html; charset=gbk", chunked);
        using var plain = FaultClients.Create(server.BaseAddress, withHandler: false);
        using var handled = FaultClients.Create(server.BaseAddress, withHandler: true);

        var baseline = await FaultClients.RunAsync(plain, FaultClients.Get("cgi-bin/menu/get"), sync);
        var outcome = await FaultClients.RunAsync(handled, FaultClients.Get("cgi-bin/menu/get"), sync);
        using var response = await handled.GetAsync("cgi-bin/menu/get");
        var baselineText = await (await plain.GetAsync("cgi-bin/menu/get")).Content.ReadAsStringAsync();

        Assert.Null(outcome.Exception);
        Assert.Equal(baseline.Bytes, outcome.Bytes);
        Assert.Empty(outcome.Bytes!);
        Assert.Equal("text/html; charset=gbk", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(baselineText, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body, and what the caller must get: an exception of a type with a code, or the body untouched.</summary>
    public static TheoryData<string, string?, long> ErrcodeShapes() => new()
    {
        { "{\"errcode\":0,\"errmsg\":\"ok\",\"errcode\":40001,\"errmsg\":\"last wins\"}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\":40001,\"errmsg\":\"first\",\"errcode\":0}", null, 0 },
        { "{\"errcode\":45009,\"errcode\":40001}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\":\"40001\",\"errmsg\":\"as a string\"}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\":\"0\",\"errmsg\":\"ok\"}", null, 0 },
        { "{\"errcode\":\" 40001\"}", null, 0 },
        { "{\"errcode\":\"4e4\"}", null, 0 },
        { "{\"errcode\":40001.0,\"errmsg\":\"integral float\"}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\":4.0001e4}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\":40001.5,\"errmsg\":\"fraction\"}", null, 0 },
        { "{\"errcode\":-0.0}", null, 0 },
        { "{\"errcode\":-1,\"errmsg\":\"busy\"}", nameof(WeChatSystemBusyException), -1 },
        { "{\"errcode\":-40001,\"errmsg\":\"negative\"}", nameof(WeChatApiException), -40001 },
        { "{\"errcode\":99999999999999999999,\"errmsg\":\"beyond 64 bits\"}", nameof(WeChatApiException), long.MaxValue },
        { "{\"errcode\":-99999999999999999999,\"errmsg\":\"beyond 64 bits\"}", nameof(WeChatApiException), long.MinValue },
        { "{\"errcode\":\"18446744073709551616\"}", nameof(WeChatApiException), long.MaxValue },
        { "{\"errcode\":1e30}", nameof(WeChatApiException), long.MaxValue },
        { "{\"errcode\":null,\"errmsg\":\"x\"}", null, 0 },
        { "{\"errcode\":true}", null, 0 },
        { "{\"errcode\":[40001]}", null, 0 },
        { "{\"err\\u0063ode\":40001,\"errmsg\":\"escaped key\"}", nameof(WeChatAccessTokenException), 40001 },
        { "{\"errcode\\u0000\":40001}", null, 0 },
        { "{\"data\":{\"errcode\":40001},\"items\":[{\"errcode\":-1}]}", null, 0 },
        { "[{\"errcode\":40001}]", null, 0 },
        { "\"errcode\":40001", null, 0 },
        { "\uFEFF{\"errcode\":40001}", nameof(WeChatAccessTokenException), 40001 },
    };

    [Theory]
    [MemberData(nameof(ErrcodeShapes))]
    public async Task ErrcodeShapes_EndAsDecided(string body, string? exceptionType, long code)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        foreach (var chunked in new[] { false, true })
        {
            await using var server = RawHttpServer.Answering(bytes, "text/plain", chunked);
            using var client = FaultClients.Create(server.BaseAddress, withHandler: true);
            foreach (var sync in SyncSend.Modes)
            {
                var before = server.Requests;
                var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/info"), sync);
                var label = $"chunked={chunked} sync={sync}: {outcome}";
                if (exceptionType is null)
                {
                    Assert.True(outcome.Exception is null, label);
                    Assert.Equal(bytes, outcome.Bytes);
                    Assert.Equal(1, server.Requests - before);
                }
                else
                {
                    var ex = Assert.IsAssignableFrom<WeChatApiException>(outcome.Exception);
                    Assert.True(ex.GetType().Name == exceptionType, label);
                    Assert.Equal(code, ex.RawErrorCode);
                    Assert.Equal(ex.Attempts, server.Requests - before);
                    Assert.Equal(code == -1 ? 4 : 1, ex.Attempts);
                    if (code is long.MaxValue or long.MinValue)
                    {
                        var digits = body.Split(':')[1].Split(',')[0].Trim('}', '"');
                        Assert.Contains(digits, ex.Message, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    private static RawHttpServer SlowServer(Slowness slowness, bool chunked) => new(async exchange =>
    {
        var body = Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"slow\"}" + new string(' ', 200));
        if (slowness != Slowness.NoHeaders)
        {
            await exchange.WriteAsync(RawExchange.Headers("application/json", chunked ? null : body.Length));
        }

        if (slowness == Slowness.BodyTrickles)
        {
            for (var i = 0; i < body.Length && !exchange.Stopping.IsCancellationRequested; i++)
            {
                await (chunked ? exchange.WriteChunkAsync(body.AsMemory(i, 1)) : exchange.WriteAsync(body.AsMemory(i, 1)));
                await Task.Delay(100, exchange.Stopping);
            }
        }

        await exchange.HangAsync();
    });

    /// <summary>A real-time clock that starts at a chosen wall-clock time.</summary>
    private sealed class WallClockAt(DateTimeOffset start) : TimeProvider
    {
        private readonly long _startTimestamp = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_startTimestamp);
    }

    [Theory]
    [InlineData(false)]
    [SyncInlineData(true)]
    public async Task BodyThatBreaksWhileInspected_InMemory_IsAnHttpRequestExceptionWithTheTransportsErrorInside(bool sync)
    {
        var broken = new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        var inner = new StubHandler(_ => new StreamContent(new BreakingStream("{\"errcode\":40001,"u8.ToArray(), broken)));
        using var client = new HttpClient(new WeChatErrorHandler(new WeChatErrorHandlingOptions()) { InnerHandler = inner }) { BaseAddress = new Uri("https://api.weixin.qq.com/") };

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), sync);

        var ex = Assert.IsType<HttpRequestException>(outcome.Exception);
        Assert.Same(broken, ex.InnerException);
        Assert.Equal(TestedBuild.SetsHttpRequestError ? HttpRequestError.ResponseEnded : HttpRequestError.Unknown, ex.HttpRequestError);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SyncSend_BodyThatNeverArrives_InMemory_EndsOnCancellationOrTimeout(bool timeout)
    {
        var stream = new StallingStream();
        var inner = new StubHandler(_ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentLength = 1000;
            return content;
        });
        using var client = new HttpClient(new WeChatErrorHandler(new WeChatErrorHandlingOptions()) { InnerHandler = inner }) { BaseAddress = new Uri("https://api.weixin.qq.com/") };
        using var cts = new CancellationTokenSource();
        if (timeout)
        {
            client.Timeout = TimeSpan.FromMilliseconds(200);
        }
        else
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(200));
        }

        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), sync: true, cts.Token);

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        if (timeout)
        {
            Assert.IsType<TimeoutException>(canceled.InnerException);
        }
        else
        {
            Assert.Equal(cts.Token, canceled.CancellationToken);
        }

        Assert.True(stream.Disposed, "the stalled body was not released");
    }

    /// <summary>Serves a prefix, then fails with the given exception.</summary>
    private sealed class BreakingStream(byte[] prefix, Exception failure) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            if (n == 0)
            {
                throw failure;
            }

            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>A body whose synchronous read blocks until the stream is disposed, like a socket that receives nothing.</summary>
    private sealed class StallingStream : ForwardOnlyStream
    {
        private readonly ManualResetEventSlim _disposed = new();

        public bool Disposed => _disposed.IsSet;

        public override int Read(Span<byte> buffer)
        {
            if (!_disposed.Wait(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("nobody released the stalled read");
            }

            throw new ObjectDisposedException(nameof(StallingStream));
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.Set();
            base.Dispose(disposing);
        }
    }
}
