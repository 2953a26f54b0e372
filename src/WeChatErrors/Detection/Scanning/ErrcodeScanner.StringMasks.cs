#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WeChatErrors.Detection.Scanning;

/// <summary>
/// The string and escape masks of the vector paths: which bytes of a block lie inside strings, and which are escaped.
/// </summary>
internal static partial class ErrcodeScanner
{
    /// <summary>
    /// The bytes inside strings: each opening quote and the content after it, up to but excluding the closing quote.
    /// </summary>
    /// <remarks>
    /// Only the low <paramref name="take"/> bits of the block count (the masks are zero above them); the carries
    /// come from bit <paramref name="take"/> - 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StringMask(ulong quotes, ulong backslashes, ref ulong inString, ref ulong escapeCarry, int take)
    {
        if ((backslashes | escapeCarry) != 0)
        {
            ulong escaped = FindEscaped(backslashes, ref escapeCarry);
            if (take < BlockSize)
            {
                // An odd run ending at bit take - 1 marks bit take, the next block's first byte, as escaped.
                escapeCarry = (escaped >> take) & 1;
            }

            quotes &= ~escaped;
        }

        ulong inside = PrefixXor(quotes) ^ inString;
        inString = (ulong)((long)(inside << (BlockSize - take)) >> 63);
        return inside;
    }

    /// <summary>
    /// <see cref="StringMask(ulong, ulong, ref ulong, ref ulong, int)"/> for a whole block, leaving the string state to the
    /// caller: the next block's is the sign of the result's top bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StringMask(ulong quotes, ulong backslashes, ulong inString, ref ulong escapeCarry)
    {
        if ((backslashes | escapeCarry) != 0)
        {
            quotes &= ~FindEscaped(backslashes, ref escapeCarry);
        }

        return PrefixXor(quotes) ^ inString;
    }

    /// <summary>
    /// The bytes escaped by a backslash: those right after an odd-length run of backslashes (escaped backslashes
    /// inside a run are marked too; only quotes and the bit past a partial block are read from the result).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FindEscaped(ulong backslashes, ref ulong escapeCarry)
    {
        // simdjson's escape scanner. A backslash escaped from the previous block starts no run.
        ulong carryIn = escapeCarry;
        ulong potentialEscapes = backslashes & ~carryIn;

        // Subtracting a run from the odd bits with the bit past each run's start set borrows through the run; the
        // result marks, per run, the backslashes at escaping positions and the byte after an odd-length run.
        ulong escapeAndTerminal = (((potentialEscapes << 1) | OddBits) - potentialEscapes) ^ OddBits;

        // An escaping backslash on bit 63 escapes the next block's first byte.
        escapeCarry = (escapeAndTerminal & backslashes) >> 63;
        return escapeAndTerminal ^ (backslashes | carryIn);
    }

    /// <summary>Bit i of the result is the XOR of bits 0..i of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong x)
    {
        if (Pclmulqdq.IsSupported)
        {
            // Carry-less multiplication by all ones XORs every left shift of x together.
            return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(x), Vector128.Create(ulong.MaxValue), 0).ToScalar();
        }

        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
#endif
