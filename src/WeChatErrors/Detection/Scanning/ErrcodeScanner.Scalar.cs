using System.Runtime.CompilerServices;

namespace WeChatErrors.Detection.Scanning;

internal static partial class ErrcodeScanner
{
    /// <summary>The portable path: a byte loop that tracks depth and skips strings.</summary>
    /// <remarks>
    /// Not inlined into <see cref="Scan"/>: compiled there beside the prefilter, the small error body took 35 ns in one
    /// BenchmarkDotNet run, against 22 ns compiled on its own.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static ErrcodeScanResult ScanScalar(ReadOnlySpan<byte> utf8Json)
    {
        int start = FindObjectStart(utf8Json);
        return start < 0 ? ErrcodeScanResult.NotAnObject : Complete(utf8Json, ScanMembersScalar(utf8Json, start + 1));
    }

    /// <summary>Returns the offset of the first non-zero top-level errcode value, else of the last one, or -1.</summary>
    private static int ScanMembersScalar(ReadOnlySpan<byte> json, int i)
    {
        int depth = 1;
        int lastValue = -1;
        while ((uint)i < (uint)json.Length)
        {
            byte b = json[i];
            if (b == (byte)'"')
            {
                // Any string directly inside the top-level object may be the key; values never match because
                // TryMatchErrcodeKey also requires the colon.
                if (depth == 1 && TryMatchErrcodeKey(json, i, out int valueStart))
                {
                    lastValue = valueStart;
                    if (!IsZeroToken(json, valueStart))
                    {
                        break;
                    }

                    i = valueStart;
                    continue;
                }

                int end = FindStringEnd(json, i + 1);
                if (end < 0)
                {
                    break;
                }

                i = end + 1;
                continue;
            }

            // '{' 0x7B and '[' 0x5B (likewise '}' and ']') differ only in bit 0x20.
            int folded = b | 0x20;
            if (folded == '{')
            {
                depth++;
            }
            else if (folded == '}' && --depth == 0)
            {
                break;
            }

            i++;
        }

        return lastValue;
    }
}
