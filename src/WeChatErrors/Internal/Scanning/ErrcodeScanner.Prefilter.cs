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

    /// <summary>The distance from the <c>e</c> of a literal <c>errcode"</c> to its closing quote.</summary>
    private const int QuoteReach = 7;

    /// <summary>
    /// Whether no member name in <paramref name="json"/> can be errcode: such a name holds a backslash when escaped, and
    /// the bytes <c>e</c>, <c>d</c> and <c>"</c> at offsets 0, 5 and 7 (those of <c>errcode"</c>) when written literally.
    /// False as soon as either may be present, and whenever no vector width is accelerated.
    /// </summary>
    internal static bool CannotNameErrcode(ReadOnlySpan<byte> json) =>
        Vector256.IsHardwareAccelerated ? CannotNameErrcode<Window256>(json) : Vector128.IsHardwareAccelerated && CannotNameErrcode<Window128>(json);

    /// <summary><see cref="CannotNameErrcode(ReadOnlySpan{byte})"/> with 16-byte windows, whatever the machine.</summary>
    internal static bool CannotNameErrcode128(ReadOnlySpan<byte> json) => CannotNameErrcode<Window128>(json);

    /// <summary><see cref="CannotNameErrcode(ReadOnlySpan{byte})"/> with 32-byte windows, whatever the machine.</summary>
    internal static bool CannotNameErrcode256(ReadOnlySpan<byte> json) => CannotNameErrcode<Window256>(json);

    private static bool CannotNameErrcode<TWindow>(ReadOnlySpan<byte> json)
        where TWindow : struct, IErrcodeWindow
    {
        // Each window also reads the QuoteReach bytes after it; shorter bodies are left to the scan.
        int last = json.Length - TWindow.Width - QuoteReach;
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
        static abstract int Width { get; }

        /// <summary>
        /// Whether a byte in the window from <paramref name="window"/> (or the <see cref="QuoteReach"/> bytes after it)
        /// is a backslash, or a byte in the window may start <c>errcode"</c>.
        /// </summary>
        static abstract bool MayNameErrcode(ref byte window);
    }

    /// <summary>The width for ARM64 and for x64 without AVX2; .NET 8 has no vector type to write both widths once.</summary>
    private readonly struct Window128 : IErrcodeWindow
    {
        public static int Width => Vector128<byte>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool MayNameErrcode(ref byte window)
        {
            Vector128<byte> first = Vector128.LoadUnsafe(ref window);
            Vector128<byte> fifth = Vector128.LoadUnsafe(ref window, 5);
            Vector128<byte> seventh = Vector128.LoadUnsafe(ref window, QuoteReach);
            Vector128<byte> backslash = Vector128.Create((byte)'\\');
            Vector128<byte> literal = Vector128.Equals(first, Vector128.Create((byte)'e'))
                & Vector128.Equals(fifth, Vector128.Create((byte)'d'))
                & Vector128.Equals(seventh, Vector128.Create((byte)'"'));

            // Testing both ends for backslashes covers the first window's first bytes and the last window's last ones.
            return (literal | Vector128.Equals(first, backslash) | Vector128.Equals(seventh, backslash)) != Vector128<byte>.Zero;
        }
    }

    private readonly struct Window256 : IErrcodeWindow
    {
        public static int Width => Vector256<byte>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool MayNameErrcode(ref byte window)
        {
            Vector256<byte> first = Vector256.LoadUnsafe(ref window);
            Vector256<byte> fifth = Vector256.LoadUnsafe(ref window, 5);
            Vector256<byte> seventh = Vector256.LoadUnsafe(ref window, QuoteReach);
            Vector256<byte> backslash = Vector256.Create((byte)'\\');
            Vector256<byte> literal = Vector256.Equals(first, Vector256.Create((byte)'e'))
                & Vector256.Equals(fifth, Vector256.Create((byte)'d'))
                & Vector256.Equals(seventh, Vector256.Create((byte)'"'));
            return (literal | Vector256.Equals(first, backslash) | Vector256.Equals(seventh, backslash)) != Vector256<byte>.Zero;
        }
    }
}
#endif
