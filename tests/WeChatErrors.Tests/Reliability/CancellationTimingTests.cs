using System.Text;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// How soon a call ends after its token is cancelled while the handler reads a body that trickles in over a real socket.
/// SocketsHttpHandler drains a response disposed with a small rest of its body left, for up to 2 s, so that the connection
/// can be reused: cancelling a read by disposing the response makes the caller wait for that drain.
/// </summary>
public sealed class CancellationTimingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CancelAfter = TimeSpan.FromMilliseconds(300);

    /// <summary>The most a call may take after its token: well under the 2 s drain, with room for a loaded 2-core machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(900);

    /// <summary>
    /// A synchronous read takes no token: the handler stops it at the next byte, 13 to 168 ms in quiet runs, but once 2 s with
    /// four test runs sharing the 2 cores. The bound only says it ends; the prompt end is pinned by the async rows.
    /// </summary>
    private static readonly TimeSpan SyncBound = TimeSpan.FromSeconds(4);

    /// <summary>Chunked or not, async or sync; the netstandard2.0 build has no synchronous <c>Send</c> (HttpClient's own runs).</summary>
    public static TheoryData<bool, bool> Cases() => SyncSend.ChunkedAndSync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TricklingBody_CancelledWhileTheHandlerReadsIt_EndsPromptly(bool chunked, bool sync)
    {
        await using var server = TricklingServer(chunked);
        using var plain = FaultClients.Create(server.BaseAddress, withHandler: false);
        using var handled = FaultClients.Create(server.BaseAddress, withHandler: true);

        // One whole call each first, so that no first-call cost of the runtime counts as the handler's.
        Assert.Null((await FaultClients.RunAsync(plain, FaultClients.Get("warm-up"), sync)).Exception);
        Assert.Null((await FaultClients.RunAsync(handled, FaultClients.Get("warm-up"), sync)).Exception);

        var baseline = await CancelledCallAsync(plain, sync);
        var (outcome, token) = await CancelledCallWithTokenAsync(handled, sync);
        output.WriteLine($"chunked={chunked} sync={sync}, after the token: without the handler {Late(baseline):N0} ms, with it {Late(outcome):N0} ms ({TestedBuild.Describe()})");

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        Assert.Equal(token, canceled.CancellationToken);
        Assert.True(outcome.Elapsed < CancelAfter + (sync ? SyncBound : Bound), $"the call ended {Late(outcome):N0} ms after its token");
    }

    private static double Late(FaultOutcome outcome) => (outcome.Elapsed - CancelAfter).TotalMilliseconds;

    private static async Task<FaultOutcome> CancelledCallAsync(HttpClient client, bool sync) => (await CancelledCallWithTokenAsync(client, sync)).Outcome;

    private static async Task<(FaultOutcome Outcome, CancellationToken Token)> CancelledCallWithTokenAsync(HttpClient client, bool sync)
    {
        using var cts = new CancellationTokenSource(CancelAfter);
        var outcome = await FaultClients.RunAsync(client, FaultClients.Get("cgi-bin/user/get"), sync, cts.Token);
        return (outcome, cts.Token);
    }

    /// <summary>A server that sends the headers, then one byte of a 40001 body every 50 ms (about 12 s for the whole body); a warm-up at once.</summary>
    private static RawHttpServer TricklingServer(bool chunked) => new(async exchange =>
    {
        if (exchange.RequestHead.StartsWith("GET /warm-up ", StringComparison.Ordinal))
        {
            await exchange.WriteResponseAsync("{\"errcode\":0}"u8.ToArray(), "application/json", chunked);
            return;
        }

        var body = Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"trickling\"}" + new string(' ', 200));
        await exchange.WriteAsync(RawExchange.Headers("application/json", chunked ? null : body.Length));
        for (var i = 0; i < body.Length && !exchange.Stopping.IsCancellationRequested; i++)
        {
            await (chunked ? exchange.WriteChunkAsync(body.AsMemory(i, 1)) : exchange.WriteAsync(body.AsMemory(i, 1)));
            await Task.Delay(50, exchange.Stopping);
        }

        await exchange.HangAsync();
    });
}
