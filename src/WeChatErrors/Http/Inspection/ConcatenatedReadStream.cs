
namespace WeChatErrors.Http.Inspection;

/// <summary>A forward-only read stream over two streams, one after the other.</summary>
internal sealed class ConcatenatedReadStream : Stream
{
    private readonly Stream _first;
    private readonly Stream _second;
    private bool _firstDone;

    public ConcatenatedReadStream(Stream first, Stream second)
    {
        _first = first;
        _second = second;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!_firstDone)
        {
            var read = _first.Read(buffer, offset, count);
            if (read > 0 || count == 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return _second.Read(buffer, offset, count);
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (!_firstDone)
        {
            var read = await _first.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (read > 0 || count == 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return await _second.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
    }

#if NET5_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_firstDone)
        {
            var read = await _first.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0 || buffer.Length == 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return await _second.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _first.Dispose();
            _second.Dispose();
        }

        base.Dispose(disposing);
    }
}
