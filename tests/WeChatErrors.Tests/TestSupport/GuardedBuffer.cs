using System.Runtime.InteropServices;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// Native memory whose last usable byte sits right before a page that cannot be read, so that a read one byte past a
/// span that ends there crashes the test run instead of going unnoticed (Linux only: mmap and mprotect).
/// </summary>
internal sealed unsafe class GuardedBuffer : IDisposable
{
    private const int PageSize = 4096;
    private const int ProtectNone = 0;
    private const int ProtectReadWrite = 3;
    private const int MapPrivateAnonymous = 0x22;

    private readonly nint _mapping;
    private readonly nuint _mappingLength;

    private GuardedBuffer(nint mapping, nuint mappingLength, int capacity)
    {
        _mapping = mapping;
        _mappingLength = mappingLength;
        Capacity = capacity;
    }

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The longest span <see cref="EndingAtGuard"/> can give.</summary>
    public int Capacity { get; }

    public static GuardedBuffer Create(int capacity)
    {
        int dataPages = (capacity + PageSize - 1) / PageSize;
        nuint length = (nuint)((dataPages + 1) * PageSize);
        nint mapping = mmap(0, length, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        if (mapping == -1)
        {
            throw new InvalidOperationException($"mmap failed: {Marshal.GetLastPInvokeError()}");
        }

        if (mprotect(mapping + (dataPages * PageSize), PageSize, ProtectNone) != 0)
        {
            throw new InvalidOperationException($"mprotect failed: {Marshal.GetLastPInvokeError()}");
        }

        return new GuardedBuffer(mapping, length, dataPages * PageSize);
    }

    /// <summary>The <paramref name="length"/> bytes right before the unreadable page.</summary>
    public Span<byte> EndingAtGuard(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        return new Span<byte>((byte*)_mapping + Capacity - length, length);
    }

    public void Dispose() => _ = munmap(_mapping, _mappingLength);

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(nint address, nuint length);
}
