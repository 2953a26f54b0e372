using WeChatErrors.Detection;

namespace WeChatErrors.Http.Inspection;

/// <summary>
/// Reads a response body, at most once and no more than needed, to find a WeChat error in it, and leaves the response
/// readable for the caller with exactly the bytes the server sent.
/// </summary>
internal static class ResponseInspector
{
    private const int ReadChunkSize = 16 * 1024;

    /// <remarks>
    /// Not an async method: when buffering completes at once (the body is in memory already, as for every body a
    /// test server or an in-process handler returns), the inspection finishes without any state machine.
    /// </remarks>
    public static ValueTask<WeChatErrorBody?> InspectAsync(HttpResponseMessage response, long maxBodySize, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is null || !JsonCandidateMediaTypes.MayBeJson(content.Headers.ContentType))
        {
            return default;
        }

        var length = content.Headers.ContentLength;
        if (length is null)
        {
            return InspectUnknownLengthAsync(response, content, maxBodySize, cancellationToken);
        }

        if (length.Value == 0 || length.Value > maxBodySize)
        {
            return default;
        }

        // Buffering is what HttpClient does with every response read as a whole anyway; after it, the content hands
        // the buffered bytes to the sink without a copy, and the caller later reads the same buffer.
        var buffering = LoadIntoBufferAsync(response, content, cancellationToken);
#if NET5_0_OR_GREATER
        if (buffering.Status == TaskStatus.RanToCompletion)
        {
            return new ValueTask<WeChatErrorBody?>(DetectBuffered(content, length.Value, cancellationToken));
        }
#endif
        return InspectBufferingAsync(buffering, content, length.Value, cancellationToken);
    }

    private static async ValueTask<WeChatErrorBody?> InspectBufferingAsync(Task buffering, HttpContent content, long length, CancellationToken cancellationToken)
    {
        await buffering.ConfigureAwait(false);
#if NET5_0_OR_GREATER
        return DetectBuffered(content, length, cancellationToken);
#else
        var sink = DetectingSink.Rent(length);
        try
        {
            await content.CopyToAsync(sink).ConfigureAwait(false);
            return sink.Complete();
        }
        finally
        {
            DetectingSink.Return(sink);
        }
#endif
    }

#if NET5_0_OR_GREATER
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
#if NET5_0_OR_GREATER
    public static WeChatErrorBody? Inspect(HttpResponseMessage response, long maxBodySize, CancellationToken cancellationToken)
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

        var stream = content.ReadAsStream(cancellationToken);
        byte[] buffer;
        int read;
        bool complete;

        // A synchronous read takes no token: disposing the response aborts it, as HttpClient does for a synchronous Send.
        using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
        {
            try
            {
                (buffer, read, complete) = ReadUpTo(stream, maxBodySize, cancellationToken);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Replace(response, content, stream, buffer, read, complete);
    }

    private static (byte[] Buffer, int Read, bool Complete) ReadUpTo(Stream stream, long maxBodySize, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(ReadChunkSize, maxBodySize + 1)];
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
                n = stream.Read(buffer, read, buffer.Length - read);
            }
            catch (Exception ex) when (IsStreamCopyFailure(ex))
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
#endif

    private static async ValueTask<WeChatErrorBody?> InspectUnknownLengthAsync(HttpResponseMessage response, HttpContent content, long maxBodySize, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var buffer = new byte[(int)Math.Min(ReadChunkSize, maxBodySize + 1)];
        var read = 0;
        var complete = false;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (read > maxBodySize)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBodySize + 1));
            }

            int n;
            try
            {
#if NET5_0_OR_GREATER
                n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
#else
                n = await stream.ReadAsync(buffer, read, buffer.Length - read, cancellationToken).ConfigureAwait(false);
#endif
            }
            catch (Exception ex) when (IsStreamCopyFailure(ex))
            {
                throw WrapStreamCopyFailure(ex);
            }

            if (n == 0)
            {
                complete = true;
                break;
            }

            read += n;
        }

        return Replace(response, content, stream, buffer, read, complete);
    }

    // A body that breaks off while read (reset, closed early) fails as it does when HttpClient buffers the body itself:
    // an HttpRequestException around the transport's exception, so that callers catching HttpRequestException still do.
    private static bool IsStreamCopyFailure(Exception exception) => exception is IOException or ObjectDisposedException;

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
        var replay = new ReplayContent(content, buffer, read, complete ? null : stream);
        response.Content = replay;
        if (complete)
        {
            stream.Dispose();
            return WeChatErrorDetector.Detect(replay.Prefix);
        }

        return null;
    }

    private static Task LoadIntoBufferAsync(HttpResponseMessage response, HttpContent content, CancellationToken cancellationToken)
    {
#if NET9_0_OR_GREATER
        return content.LoadIntoBufferAsync(cancellationToken);
#else
        return cancellationToken.CanBeCanceled ? LoadIntoBufferCancelableAsync(response, content, cancellationToken) : content.LoadIntoBufferAsync();
#endif
    }
#if !NET9_0_OR_GREATER

    private static async Task LoadIntoBufferCancelableAsync(HttpResponseMessage response, HttpContent content, CancellationToken cancellationToken)
    {
        // Older frameworks cannot cancel buffering; disposing the response aborts the read, as HttpClient itself does.
        using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
        {
            try
            {
                await content.LoadIntoBufferAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }
#endif
}
