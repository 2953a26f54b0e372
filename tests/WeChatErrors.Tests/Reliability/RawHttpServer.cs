using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 that answers each request with a script written straight to the socket, so a
/// test can send what no well-behaved server would: half a body, a reset, headers and then silence. One request per
/// connection; the server closes every connection after its answer.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawExchange, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<byte[]> _requestBodies = [];
    private int _requests;

    public RawHttpServer(Func<RawExchange, Task> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<byte[]> RequestBodies
    {
        get
        {
            lock (_requestBodies)
            {
                return _requestBodies.ToArray();
            }
        }
    }

    /// <summary>A server that answers every request with a complete response holding <paramref name="body"/>.</summary>
    public static RawHttpServer Answering(byte[] body, string contentType = "application/json", bool chunked = false) =>
        new(exchange => exchange.WriteResponseAsync(body, contentType, chunked));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var head = await ReadHeadAsync(stream).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var body = await ReadBodyAsync(stream, head.Value.ContentLength, head.Value.Leftover).ConfigureAwait(false);
            lock (_requestBodies)
            {
                _requestBodies.Add(body);
            }

            var number = Interlocked.Increment(ref _requests);
            await _respond(new RawExchange(socket, stream, number, head.Value.Head, _stop.Token)).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the script reset the connection on purpose.
        }
    }

    private static async Task<(string Head, int ContentLength, byte[] Leftover)?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var read = 0;
        while (true)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read)).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            read += n;
            var end = buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buffer, 0, end);
                var length = 0;
                foreach (var line in head.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidOperationException("chunked request bodies are not expected: a retried body is buffered and has a length");
                    }
                }

                return (head, length, buffer.AsSpan(end + 4, read - end - 4).ToArray());
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(NetworkStream stream, int length, byte[] leftover)
    {
        var body = new byte[length];
        leftover.AsSpan(0, Math.Min(length, leftover.Length)).CopyTo(body);
        var read = Math.Min(length, leftover.Length);
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read)).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return body;
    }
}

/// <summary>One request the <see cref="RawHttpServer"/> answers: write anything, or reset the connection.</summary>
internal sealed class RawExchange(Socket socket, NetworkStream stream, int requestNumber, string requestHead, CancellationToken stopping)
{
    /// <summary>Gets the 1-based number of this request on the server.</summary>
    public int RequestNumber { get; } = requestNumber;

    public string RequestHead { get; } = requestHead;

    public CancellationToken Stopping { get; } = stopping;

    public static string Headers(string contentType, long? contentLength) =>
        "HTTP/1.1 200 OK\r\nConnection: close\r\n"
        + (contentType.Length > 0 ? $"Content-Type: {contentType}\r\n" : string.Empty)
        + (contentLength is { } length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n")
        + "\r\n";

    public async Task WriteAsync(string ascii) => await WriteAsync(Encoding.ASCII.GetBytes(ascii)).ConfigureAwait(false);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes, Stopping).ConfigureAwait(false);
        await stream.FlushAsync(Stopping).ConfigureAwait(false);
    }

    public async Task WriteChunkAsync(ReadOnlyMemory<byte> bytes)
    {
        await WriteAsync(bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n").ConfigureAwait(false);
        await WriteAsync(bytes).ConfigureAwait(false);
        await WriteAsync("\r\n").ConfigureAwait(false);
    }

    public async Task WriteResponseAsync(byte[] body, string contentType, bool chunked)
    {
        await WriteAsync(Headers(contentType, chunked ? null : body.Length)).ConfigureAwait(false);
        if (!chunked)
        {
            await WriteAsync(body).ConfigureAwait(false);
            return;
        }

        if (body.Length > 0)
        {
            await WriteChunkAsync(body).ConfigureAwait(false);
        }

        await WriteAsync("0\r\n\r\n").ConfigureAwait(false);
    }

    /// <summary>Aborts the connection with a TCP reset (RST), not an orderly close.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(enable: true, seconds: 0);
        socket.Close();
    }

    /// <summary>Closes the connection in order (FIN) wherever the response stands.</summary>
    public void Close()
    {
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    }

    /// <summary>Waits until the test stops the server (a server that never finishes its answer).</summary>
    public Task HangAsync() => Task.Delay(Timeout.Infinite, Stopping);
}
