#if NET9_0_OR_GREATER
using System.Buffers;
using WeChatErrors.Detection;

namespace WeChatErrors.Http.Inspection;

/// <summary>
/// A write-only stream that a buffered <see cref="HttpContent"/> copies itself into, so the body is inspected
/// where it already lies in memory (in the net10.0 build only: before .NET 9 buffering takes no token). A body written
/// in one piece (the usual case) is inspected without a copy; a body written in pieces is gathered in a pooled buffer first.
/// </summary>
/// <remarks>
/// <see cref="Rent"/> and <see cref="Return"/> reuse one instance per thread, so a call allocates no sink: a rented
/// sink leaves the thread's slot until it is returned, so no two inspections ever share one.
/// </remarks>
internal sealed class DetectingSink : Stream
{
    [ThreadStatic]
    private static DetectingSink? t_cached;

    private long _expectedLength;
    private byte[]? _gathered;
    private int _gatheredLength;
    private bool _inspected;
    private WeChatErrorBody? _error;

    public DetectingSink(long expectedLength) => _expectedLength = expectedLength;

    /// <summary>Returns this thread's cached sink, reset for a body of <paramref name="expectedLength"/> bytes, or a new one.</summary>
    public static DetectingSink Rent(long expectedLength)
    {
        var sink = t_cached;
        if (sink is null)
        {
            return new DetectingSink(expectedLength);
        }

        t_cached = null;
        sink._expectedLength = expectedLength;
        return sink;
    }

    /// <summary>Releases what <paramref name="sink"/> holds and caches it for the next <see cref="Rent"/> on this thread.</summary>
    public static void Return(DetectingSink sink)
    {
        sink.ReleaseGathered();
        sink._gatheredLength = 0;
        sink._inspected = false;
        sink._error = null;
        t_cached = sink;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Finishes the inspection and returns the WeChat error the body holds, if any.</summary>
    public WeChatErrorBody? Complete()
    {
        if (!_inspected)
        {
            _inspected = true;
            _error = _gathered is null ? null : WeChatErrorDetector.Detect(_gathered.AsSpan(0, _gatheredLength));
        }

        return _error;
    }

    public override void Write(byte[] buffer, int offset, int count) => Append(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Append(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Append(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Append(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        ReleaseGathered();
        base.Dispose(disposing);
    }

    private void ReleaseGathered()
    {
        if (_gathered is not null)
        {
            ArrayPool<byte>.Shared.Return(_gathered);
            _gathered = null;
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_inspected)
        {
            // More bytes than the first, complete write announced: inspect nothing rather than half a body.
            _error = null;
            return;
        }

        if (_gathered is null && data.Length == _expectedLength)
        {
            _inspected = true;
            _error = WeChatErrorDetector.Detect(data);
            return;
        }

        var needed = _gatheredLength + data.Length;
        if (_gathered is null || needed > _gathered.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(int.MaxValue, Math.Max(needed, _expectedLength)));
            if (_gathered is not null)
            {
                _gathered.AsSpan(0, _gatheredLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_gathered);
            }

            _gathered = larger;
        }

        data.CopyTo(_gathered.AsSpan(_gatheredLength));
        _gatheredLength = needed;
    }
}
#endif
