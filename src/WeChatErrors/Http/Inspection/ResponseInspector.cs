using WeChatErrors.Detection;

namespace WeChatErrors.Http.Inspection;

/// <summary>
/// Reads a response body, at most once and no more than needed, to find a WeChat error in it, and leaves the response
/// readable for the caller with exactly the bytes the server sent. One code serves both the synchronous and the
/// asynchronous send (the <c>async</c> flag of each method).
/// </summary>
internal static class ResponseInspector
{
    private const int ReadChunkSize = 16 * 1024;

    /// <summary>Inspects <paramref name="response"/>; returns the error its body names, or <see langword="null"/>.</summary>
    /// <param name="response">The response; its content may be replaced by one that replays what was read.</param>
    /// <param name="maxBodySize">The largest body read.</param>
    /// <param name="async">Whether to read asynchronously; otherwise every read is synchronous and the task completes at once.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The error body, or <see langword="null"/> for a success, an unreadable body or one not inspected.</returns>
    public static async ValueTask<WeChatErrorBody?> InspectAsync(HttpResponseMessage response, long maxBodySize, bool async, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is null || !JsonCandidateMediaTypes.MayBeJson(content.Headers.ContentType))
        {
            return null;
        }

        var length = content.Headers.ContentLength;
        if (length == 0 || length > maxBodySize)
        {
            return null;
        }

        // Only from .NET 9 on does buffering take the caller's token. Before, a cancelled buffering could only be ended by
        // disposing the response, and SocketsHttpHandler answers that by draining the rest of the body, for up to 2 s,
        // before the pending read fails: the earlier builds read a body of known length with the token themselves.
        using var cancellation = new CancelByDispose(response, register: !async, cancellationToken);
        try
        {
#if NET9_0_OR_GREATER
            if (length is { } known && async)
            {
                // Buffering is what HttpClient does with every response read as a whole anyway; the caller later reads the same buffer.
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return DetectBuffered(content, known, cancellationToken);
            }
#endif

            var stream = async ? await ReadAsStreamAsync(content, cancellationToken).ConfigureAwait(false) : ReadAsStream(content, cancellationToken);
            var (buffer, read, complete) = await ReadUpToAsync(stream, length, maxBodySize, async, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return Replace(response, content, stream, buffer, read, complete);
        }
        catch (Exception ex) when (cancellation.Caused(ex))
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

#if NET9_0_OR_GREATER
    /// <summary>Inspects a buffered body: copying buffered content is a synchronous write of its buffer into the sink.</summary>
    private static WeChatErrorBody? DetectBuffered(HttpContent content, long length, CancellationToken cancellationToken)
    {
        var sink = DetectingSink.Rent(length);
        try
        {
            content.CopyTo(sink, null, cancellationToken);
            return sink.Complete();
        }
        finally
        {
            DetectingSink.Return(sink);
        }
    }
#endif

    /// <summary>
    /// The one read loop: reads until the end of the stream or until more than <paramref name="maxBodySize"/> bytes. A body
    /// of announced <paramref name="length"/> is read into one buffer that also holds the end of the stream.
    /// </summary>
    private static async ValueTask<(byte[] Buffer, int Read, bool Complete)> ReadUpToAsync(Stream stream, long? length, long maxBodySize, bool async, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(length + 1 ?? ReadChunkSize, maxBodySize + 1)];
        var read = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (read == buffer.Length)
            {
                if (read > maxBodySize)
                {
                    return (buffer, read, false);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBodySize + 1));
            }

            int n;
            try
            {
#if NET5_0_OR_GREATER
                n = async
                    ? await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)
                    : stream.Read(buffer, read, buffer.Length - read);
#else
                n = await stream.ReadAsync(buffer, read, buffer.Length - read, cancellationToken).ConfigureAwait(false);
#endif
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                throw WrapStreamCopyFailure(ex);
            }

            if (n == 0)
            {
                return (buffer, read, true);
            }

            read += n;
        }
    }

    // A body that breaks off while read (reset, closed early) fails as it does when HttpClient buffers the body itself:
    // an HttpRequestException around the transport's exception, so that callers catching HttpRequestException still do.
    private static HttpRequestException WrapStreamCopyFailure(Exception exception)
    {
        const string Message = "Error while copying content to a stream.";
#if NET8_0_OR_GREATER
        return new HttpRequestException(exception is HttpIOException io ? io.HttpRequestError : HttpRequestError.Unknown, Message, exception);
#else
        return new HttpRequestException(Message, exception);
#endif
    }

    private static WeChatErrorBody? Replace(HttpResponseMessage response, HttpContent content, Stream stream, byte[] buffer, int read, bool complete)
    {
        // The original stream is partly or wholly consumed: the caller gets a content that replays it byte for byte.
        if (!complete)
        {
            response.Content = new ReplayContent(content, buffer, read, stream);
            return null;
        }

        // The whole body is read: the caller gets it from memory.
        response.Content = new WholeBodyContent(content, buffer, read);
        stream.Dispose();
        return WeChatErrorDetector.Detect(buffer.AsSpan(0, read));
    }

    private static Task<Stream> ReadAsStreamAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
        content.ReadAsStreamAsync(cancellationToken);
#else
        content.ReadAsStreamAsync();
#endif

    private static Stream ReadAsStream(HttpContent content, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
        content.ReadAsStream(cancellationToken);
#else
        throw new PlatformNotSupportedException("Synchronous reads need .NET 5 or later.");
#endif
}
