using System.Net;
using System.Text;
using WeChatErrors.Tests.TestSupport;
using static WeChatErrors.Tests.Http.Inspection.ResponseInspectorTests;

namespace WeChatErrors.Tests.Http.Inspection;

/// <summary>A body that breaks off, and a cancelled read, on the inspector's synchronous and asynchronous paths.</summary>
public sealed class ResponseInspectorFailureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(WeChatBodies.Followers);

    [Theory]
    [InlineData(true)]
    [SyncInlineData(false)]
    public async Task BodyBreaksOffMidRead_HttpRequestException(bool async)
    {
        var reset = new IOException("connection reset");
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(Body, 10, reset)) };

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Inspect(response, 1024, async));

        Assert.Equal("Error while copying content to a stream.", ex.Message);
        Assert.Same(reset, ex.InnerException);
        Assert.Equal(HttpRequestError.Unknown, ex.HttpRequestError);
    }

    [Fact]
    public async Task KnownLengthBodyBreaksOffWhileBuffered_HttpRequestException()
    {
        var reset = new IOException("connection reset");
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(Body, 10, reset)) };
        response.Content.Headers.ContentLength = Body.Length;

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Inspect(response, 1024, async: true));

        Assert.Same(reset, ex.InnerException);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task AlreadyCancelled_OperationCanceledExceptionWithTheToken(bool async, bool knownLength)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var response = Response(Body, knownLength);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inspect(response, 1024, async, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Theory]
    [InlineData(true)] // ByteArrayContent: the body in memory
    [InlineData(false)] // StreamContent with a Content-Length over a stream that does not look at the token
    public async Task AlreadyCancelled_KnownLengthAsync_ThrowsAsTheOtherPathsDo(bool inMemory)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy);
        using var response = Response(bytes, knownLength: true);
        if (!inMemory)
        {
            response.Content = new StreamContent(new OneWayStream(bytes)) { Headers = { ContentLength = bytes.Length } };
        }

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inspect(response, 1024, async: true, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task CancelledWhileBuffering_OperationCanceledExceptionWithTheToken()
    {
        using var cts = new CancellationTokenSource();
        var stream = new TokenWaitingStream();
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) { Headers = { ContentLength = 100 } } };

        var pending = Inspect(response, 1024, async: true, cts.Token);
        await stream.Reading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Theory]
    [InlineData(true, false)] // cancelled between two reads
    [SyncInlineData(false, false)]
    [InlineData(true, true)] // the next read fails because of the cancellation: not an HttpRequestException
    [SyncInlineData(false, true)]
    public async Task CancelledMidBody_OperationCanceledExceptionWithTheToken(bool async, bool readFails)
    {
        using var cts = new CancellationTokenSource();
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CancellingStream(Body, cts, readFails)) };

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inspect(response, 1024, async, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [SyncFact]
    public async Task SyncReadBlocked_CancellationDisposesTheResponse_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var stream = new BlockingStream();
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };

        var pending = Task.Run(() => Inspect(response, 1024, async: false, cts.Token));
        Assert.True(stream.Reading.Wait(TimeSpan.FromSeconds(10)), "the read did not start");
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.True(stream.Disposed.IsSet);
    }

    /// <summary>Serves <c>count</c> bytes, then fails as a reset connection does.</summary>
    private sealed class BreakingStream(byte[] data, int count, Exception failure) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position >= count)
            {
                throw failure;
            }

            var n = Math.Min(buffer.Length, count - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>Cancels the read's token while serving its first bytes; with <c>fail</c> the next read fails as a disposed stream does.</summary>
    private sealed class CancellingStream(byte[] data, CancellationTokenSource cts, bool fail) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position > 0 && fail)
            {
                throw new ObjectDisposedException("the response");
            }

            cts.Cancel();
            var n = Math.Min(Math.Min(buffer.Length, 8), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>An asynchronous read that waits for data until its token is cancelled, as a socket read does.</summary>
    private sealed class TokenWaitingStream : ForwardOnlyStream
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Read(Span<byte> buffer) => throw new NotSupportedException("asynchronous reads only");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    /// <summary>A read that blocks until the stream is disposed, as a socket read does until the connection is torn down.</summary>
    private sealed class BlockingStream : ForwardOnlyStream
    {
        public ManualResetEventSlim Reading { get; } = new();

        public ManualResetEventSlim Disposed { get; } = new();

        public override int Read(Span<byte> buffer)
        {
            Reading.Set();
            Disposed.Wait(TimeSpan.FromSeconds(10));
            throw new ObjectDisposedException(nameof(BlockingStream));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed.Set();
            base.Dispose(disposing);
        }
    }
}
