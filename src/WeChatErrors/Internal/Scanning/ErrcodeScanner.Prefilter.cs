#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WeChatErrors.Internal.Scanning;

/// <summary>
/// The prefilter: a search, with no JSON state, for the bytes that every errcode key needs. Most small success bodies
/// hold none of them, and the search says so sooner than a scan.
/// </summary>
internal static partial class ErrcodeScanner
{
    /// <summary>
    /// Bodies shorter than this are searched first. Measured on follower lists: the search wins clearly up to 1,500 bytes,
    /// and from about 3 KB it only adds its own pass to bodies that do hold errcode.
    /// </summary>
    private const int PrefilterMaxLength = 2048;

    /// <summary>The offset of the <c>d</c> in <c>errcode"</c>.</summary>
    private const int DOffset = 5;

    /// <summary>The offset of the closing quote in <c>errcode"</c>: each window also reads this many bytes after it.</summary>
    private const int QuoteOffset = 7;

    /// <summary>
    /// Whether no member name in <paramref name="json"/> can be errcode: such a name holds a backslash when escaped, and
    /// the bytes <c>e</c>, <c>d</c> and <c>"</c> at offsets 0, 5 and 7 (those of <c>errcode"</c>) when written literally.
    /// False as soon as either may be present, for bodies shorter than one window and its <see cref="QuoteOffset"/> bytes
    /// (23 or 39 bytes), and whenever no vector width is accelerated.
    /// </summary>
    internal static bool CannotNameErrcode(ReadOnlySpan<byte> json) =>
        Vector256.IsHardwareAccelerated ? CannotNameErrcode<Window256>(json) : Vector128.IsHardwareAccelerated && CannotNameErrcode<Window128>(json);

    /// <summary><see cref="CannotNameErrcode(ReadOnlySpan{byte})"/> with 16-byte windows, whatever the machine.</summary>
    internal static bool CannotNameErrcode128(ReadOnlySpan<byte> json) => CannotNameErrcode<Window128>(json);

    /// <summary><see cref="CannotNameErrcode(ReadOnlySpan{byte})"/> with 32-byte windows, whatever the machine.</summary>
    internal static bool CannotNameErrcode256(ReadOnlySpan<byte> json) => CannotNameErrcode<Window256>(json);

    /// <summary>Slides windows of <typeparamref name="TWindow"/> over the body until one may name errcode.</summary>
    private static bool CannotNameErrcode<TWindow>(ReadOnlySpan<byte> json)
        where TWindow : struct, IErrcodeWindow
    {
        int last = json.Length - TWindow.Width - QuoteOffset;
        if (last < 0)
        {
            return false;
        }

        ref byte start = ref MemoryMarshal.GetReference(json);
        int offset = 0;
        while (!TWindow.MayNameErrcode(ref Unsafe.Add(ref start, offset)))
        {
            if (offset == last)
            {
                return true;
            }

            // The last window overlaps the one before it, so that every byte is read and none past the end.
            offset = Math.Min(offset + TWindow.Width, last);
        }

        return false;
    }

    /// <summary>One vector width of the prefilter.</summary>
    private interface IErrcodeWindow
    {
        /// <summary>The bytes a window starts positions at (its vector's length).</summary>
        static abstract int Width { get; }

        /// <summary>
        /// Whether a byte in the window from <paramref name="window"/> (or the <see cref="QuoteOffset"/> bytes after it)
        /// is a backslash, or a byte in the window may start <c>errcode"</c>.
        /// </summary>
        static abstract bool MayNameErrcode(ref byte window);
    }

    /// <summary>The width for ARM64 and for x64 without AVX2; .NET 8 has no vector type to write both widths once.</summary>
    private readonly struct Window128 : IErrcodeWindow
    {
        /// <inheritdoc/>
        public static int Width => Vector128<byte>.Count;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool MayNameErrcode(ref byte window)
        {
            Vector128<byte> atE = Vector128.LoadUnsafe(ref window);
            Vector128<byte> atD = Vector128.LoadUnsafe(ref window, DOffset);
            Vector128<byte> atQuote = Vector128.LoadUnsafe(ref window, QuoteOffset);
            Vector128<byte> backslash = Vector128.Create((byte)'\\');
            Vector128<byte> literal = Vector128.Equals(atE, Vector128.Create((byte)'e'))
                & Vector128.Equals(atD, Vector128.Create((byte)'d'))
                & Vector128.Equals(atQuote, Vector128.Create((byte)'"'));

            // Testing both ends for backslashes covers the first window's first bytes and the last window's last ones.
            return (literal | Vector128.Equals(atE, backslash) | Vector128.Equals(atQuote, backslash)) != Vector128<byte>.Zero;
        }
    }

    /// <summary>The width for x64 with AVX2.</summary>
    private readonly struct Window256 : IErrcodeWindow
    {
        /// <inheritdoc/>
        public static int Width => Vector256<byte>.Count;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool MayNameErrcode(ref byte window)
        {
            Vector256<byte> atE = Vector256.LoadUnsafe(ref window);
            Vector256<byte> atD = Vector256.LoadUnsafe(ref window, DOffset);
            Vector256<byte> atQuote = Vector256.LoadUnsafe(ref window, QuoteOffset);
            Vector256<byte> backslash = Vector256.Create((byte)'\\');
            Vector256<byte> literal = Vector256.Equals(atE, Vector256.Create((byte)'e'))
                & Vector256.Equals(atD, Vector256.Create((byte)'d'))
                & Vector256.Equals(atQuote, Vector256.Create((byte)'"'));
            return (literal | Vector256.Equals(atE, backslash) | Vector256.Equals(atQuote, backslash)) != Vector256<byte>.Zero;
        }
    }
}
#endif
