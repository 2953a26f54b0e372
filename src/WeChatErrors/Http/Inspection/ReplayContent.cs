using System.Net;

namespace WeChatErrors.Http.Inspection;

/// <summary>
/// Stands in for a response content whose stream the handler read only in part: it serves the bytes already read,
/// then whatever the original stream still holds, so the caller receives the body exactly as the server sent it.
/// A body read to its end is a <see cref="WholeBodyContent"/>.
/// </summary>
internal sealed class ReplayContent : HttpContent
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _rest;
    private readonly HttpContent _original;

    public ReplayContent(HttpContent original, byte[] prefix, int prefixLength, Stream rest)
    {
        _original = original;
        _prefix = prefix;
        _prefixLength = prefixLength;
        _rest = rest;
        CopyHeaders(original, this);
    }

    /// <summary>Gives <paramref name="to"/> the content headers of <paramref name="from"/>, as they arrived.</summary>
    public static void CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var header in from.Headers)
        {
            to.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix, 0, _prefixLength).ConfigureAwait(false);
        await _rest.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateReadStream());

#if NET5_0_OR_GREATER
    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(_prefix, 0, _prefixLength);
        _rest.CopyTo(stream);
    }

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateReadStream();
#endif

    private Stream CreateReadStream() => new ConcatenatedReadStream(new MemoryStream(_prefix, 0, _prefixLength, writable: false), _rest);

    // The rest of the stream is still unread: its length is unknown.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rest.Dispose();
            _original.Dispose();
        }

        base.Dispose(disposing);
    }
}
