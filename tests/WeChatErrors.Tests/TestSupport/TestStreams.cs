namespace WeChatErrors.Tests.TestSupport;

/// <summary>A read-only stream that cannot seek, reports no length and fails if read again after its end: a chunked network body, or an upload that can be read once.</summary>
internal sealed class OneWayStream(byte[] data) : MemoryStream(data, writable: false)
{
    private bool _read;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Once(base.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Once(base.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    private int Once(int read)
    {
        if (read == 0)
        {
            _read = true;
        }
        else if (_read)
        {
            throw new InvalidOperationException("the upload stream was read twice");
        }

        return read;
    }
}

/// <summary>
/// The base of the test's hand-made bodies: readable once, forward only, of unknown length. A subclass supplies the
/// bytes through <see cref="Read(Span{byte})"/>; every other read goes through it.
/// </summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Counts the bytes read from it and whether it was disposed.</summary>
internal sealed class ObservedStream(byte[] data) : MemoryStream(data, writable: false)
{
    public int BytesRead { get; private set; }

    public bool Disposed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = base.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override int Read(Span<byte> buffer)
    {
        var n = base.Read(buffer);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
