using System.Buffers.Binary;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Buffers;
using WeChatErrors.Detection;

using System.Runtime.Intrinsics.X86;
#endif

namespace WeChatErrors.Detection.Scanning;

/// <summary>
/// Finds, without parsing, whether the top-level JSON object of a response body has an <c>errcode</c> member
/// and where its raw value token is: that of the first member whose value is not <c>0</c>, else that of the last.
/// </summary>
/// <remarks>
/// <para>
/// The scan stops at the first non-zero errcode: such a body is parsed in full anyway (<see cref="WeChatErrorDetector"/>),
/// and that parse, in which the last of duplicate members wins, has the final say.
/// </para>
/// <para>
/// Correct for every valid JSON document. For malformed input it may return any status, but it never throws,
/// never reads out of bounds, never recurses, allocates nothing and runs in linear time.
/// </para>
/// </remarks>
internal static partial class ErrcodeScanner
{
    /// <summary>The bytes <c>errcode"</c> read as a little-endian <see cref="ulong"/>.</summary>
    private const ulong ErrcodeAndQuote = 0x2265646F63727265;

    /// <summary>Bodies shorter than this go through the scalar path (measured: it wins on typical error bodies).</summary>
    private const int SmallBodyLength = 256;

    /// <summary>Scans with the fastest path this machine supports.</summary>
    public static ErrcodeScanResult Scan(ReadOnlySpan<byte> utf8Json)
    {
#if NET8_0_OR_GREATER
        // Most small success bodies hold neither errcode nor a backslash, and a plain search says so sooner than a scan.
        if (utf8Json.Length < PrefilterMaxLength && CannotNameErrcode(utf8Json))
        {
            return FindObjectStart(utf8Json) < 0 ? ErrcodeScanResult.NotAnObject : ErrcodeScanResult.NoErrcode;
        }

        // Below a few blocks the scalar loop, which jumps over strings, beats setting up the block masks.
        if (utf8Json.Length < SmallBodyLength)
        {
            return ScanScalar(utf8Json);
        }

        if (Avx512BW.IsSupported && Pclmulqdq.IsSupported)
        {
            return ScanAvx512(utf8Json);
        }

        if (Avx2.IsSupported && Pclmulqdq.IsSupported)
        {
            return ScanAvx2(utf8Json);
        }
#endif
        return ScanScalar(utf8Json);
    }

    /// <summary>Index of the top-level <c>{</c> after an optional BOM and whitespace, or -1 when there is none.</summary>
    private static int FindObjectStart(ReadOnlySpan<byte> json)
    {
        int i = 0;
        if (json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF)
        {
            i = 3;
        }

        if ((uint)i < (uint)json.Length && json[i] == (byte)'{')
        {
            return i;
        }

#if NET8_0_OR_GREATER
        int offset = json.Slice(i).IndexOfAnyExcept(JsonWhitespace.Values);
        if (offset < 0)
        {
            return -1;
        }

        i += offset;
#else
        while ((uint)i < (uint)json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        if (i >= json.Length)
        {
            return -1;
        }
#endif
        return json[i] == (byte)'{' ? i : -1;
    }

    /// <summary>
    /// Checks whether the string opening at <paramref name="quote"/> is the key <c>errcode</c> (literally or with
    /// <c>\u</c> escapes) followed by a colon; if so, returns the offset of the value after the colon.
    /// </summary>
    /// <remarks>Reads a bounded number of bytes apart from whitespace, which it skips once per key.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMatchErrcodeKey(ReadOnlySpan<byte> json, int quote, out int valueStart)
    {
        int i = quote + 1;
        if (i <= json.Length - 8)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(json.Slice(i)) == ErrcodeAndQuote)
            {
                return TrySkipColon(json, i + 8, out valueStart);
            }

            // Only an escape can still make the key errcode, and only where the literal text first differs.
            ReadOnlySpan<byte> expected = "errcode\""u8;
            int k = 0;
            while (json[i + k] == expected[k])
            {
                k++;
            }

            if (json[i + k] != (byte)'\\')
            {
                valueStart = 0;
                return false;
            }
        }

        if (!TryMatchEscapedErrcode(json, ref i))
        {
            valueStart = 0;
            return false;
        }

        return TrySkipColon(json, i, out valueStart);
    }

    private static bool TrySkipColon(ReadOnlySpan<byte> json, int i, out int valueStart)
    {
        while ((uint)i < (uint)json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        if ((uint)i >= (uint)json.Length || json[i] != (byte)':')
        {
            valueStart = 0;
            return false;
        }

        i++;
        while ((uint)i < (uint)json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        valueStart = i;
        return true;
    }

    /// <summary>Matches the string content at <paramref name="i"/> against <c>errcode"</c>, decoding <c>\uXXXX</c> escapes.</summary>
    /// <remarks>
    /// Only <c>\u</c> escapes can produce letters; every other escape (<c>\n</c>, <c>\"</c>, ...) makes the key differ.
    /// On success <paramref name="i"/> is just past the closing quote.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryMatchEscapedErrcode(ReadOnlySpan<byte> json, ref int i)
    {
        ReadOnlySpan<byte> expected = "errcode"u8;
        int p = i;
        for (int k = 0; k < expected.Length; k++)
        {
            if ((uint)p >= (uint)json.Length)
            {
                return false;
            }

            byte b = json[p];
            if (b == (byte)'\\')
            {
                if ((uint)(p + 5) >= (uint)json.Length || json[p + 1] != (byte)'u')
                {
                    return false;
                }

                int code = (HexValue(json[p + 2]) << 12) | (HexValue(json[p + 3]) << 8) | (HexValue(json[p + 4]) << 4) | HexValue(json[p + 5]);
                if (code != expected[k])
                {
                    return false;
                }

                p += 6;
            }
            else if (b == expected[k])
            {
                p++;
            }
            else
            {
                return false;
            }
        }

        if ((uint)p >= (uint)json.Length || json[p] != (byte)'"')
        {
            return false;
        }

        i = p + 1;
        return true;
    }

    /// <summary>The value of a hex digit, or a large negative number that makes any combined code point invalid.</summary>
    private static int HexValue(byte b)
    {
        uint digit = (uint)(b - '0');
        if (digit <= 9)
        {
            return (int)digit;
        }

        uint letter = (uint)((b | 0x20) - 'a');
        return letter <= 5 ? (int)letter + 10 : -0x10000;
    }

    /// <summary>Builds the result for the top-level errcode value found at <paramref name="valueStart"/> (or -1 for none).</summary>
    private static ErrcodeScanResult Complete(ReadOnlySpan<byte> json, int valueStart)
    {
        if (valueStart < 0)
        {
            return ErrcodeScanResult.NoErrcode;
        }

        if ((uint)valueStart >= (uint)json.Length)
        {
            return ErrcodeScanResult.Unsure;
        }

        byte first = json[valueStart];
        if (first == (byte)'"')
        {
            int end = FindStringEnd(json, valueStart + 1);
            if (end < 0)
            {
                return ErrcodeScanResult.Unsure;
            }

            return ErrcodeScanResult.Found(valueStart, end - valueStart + 1, IsZeroToken(json, valueStart));
        }

        if (first == (byte)'{' || first == (byte)'[')
        {
            return ErrcodeScanResult.Found(valueStart, 1, false);
        }

        int i = valueStart;
        while ((uint)i < (uint)json.Length && !IsValueDelimiter(json[i]))
        {
            i++;
        }

        int length = i - valueStart;
        return length == 0
            ? ErrcodeScanResult.Unsure
            : ErrcodeScanResult.Found(valueStart, length, IsZeroToken(json, valueStart));
    }

    /// <summary>Whether the value token at <paramref name="valueStart"/> is exactly <c>0</c> or <c>"0"</c>.</summary>
    private static bool IsZeroToken(ReadOnlySpan<byte> json, int valueStart)
    {
        if ((uint)valueStart >= (uint)json.Length)
        {
            return false;
        }

        if (json[valueStart] == (byte)'0')
        {
            return valueStart + 1 == json.Length || IsValueDelimiter(json[valueStart + 1]);
        }

        return json[valueStart] == (byte)'"' && valueStart + 2 < json.Length && json[valueStart + 1] == (byte)'0' && json[valueStart + 2] == (byte)'"';
    }

    /// <summary>Index of the closing quote of a string whose content starts at <paramref name="i"/>, or -1 when unterminated.</summary>
    private static int FindStringEnd(ReadOnlySpan<byte> json, int i)
    {
        while ((uint)i < (uint)json.Length)
        {
            int offset = json.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
            if (offset < 0)
            {
                return -1;
            }

            i += offset;
            if (json[i] == (byte)'"')
            {
                return i;
            }

            i += 2;
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';

    private static bool IsValueDelimiter(byte b) =>
        IsWhitespace(b) || b == (byte)',' || b == (byte)'}' || b == (byte)']' || b == (byte)':' || b == (byte)'"' || b == (byte)'{' || b == (byte)'[';

#if NET8_0_OR_GREATER
    private static class JsonWhitespace
    {
        public static readonly SearchValues<byte> Values = SearchValues.Create(" \t\r\n"u8);
    }
#endif
}
