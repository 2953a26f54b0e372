#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WeChatErrors.Internal.Scanning;

/// <summary>
/// The vector paths: 64-byte blocks turned into bit masks (bit i = byte i of the block), in the manner of simdjson's stage 1.
/// </summary>
internal static partial class ErrcodeScanner
{
    private const int BlockSize = 64;

    /// <summary>Bits at even positions.</summary>
    private const ulong EvenBits = 0x5555_5555_5555_5555;

    /// <summary>Returns the offset of the last top-level errcode value, or -1.</summary>
    private static int ScanMembersBlocks<TClassifier>(ReadOnlySpan<byte> json, int objectStart)
        where TClassifier : struct, IBlockClassifier
    {
        ref byte origin = ref MemoryMarshal.GetReference(json);
        int pos = objectStart;
        int depth = 0;             // brackets open (outside strings) before the current block; the top-level '{' is at pos
        ulong inString = 0;        // all ones when the previous block ended inside a string
        ulong escapeCarry = 0;     // 1 when the previous block ended in an odd run of backslashes
        int lastValue = -1;

        while (pos <= json.Length - BlockSize)
        {
            ref byte block = ref Unsafe.Add(ref origin, pos);
            BlockMasks masks = TClassifier.Classify(ref block);
            ulong inside = StringMask(masks, ref inString, ref escapeCarry);
            ulong opens = masks.Opens & ~inside;
            ulong closes = masks.Closes & ~inside;
            int closeCount = BitOperations.PopCount(closes);

            // Every byte of the block is at depth >= 2 (nested inside a member value): nothing to look at.
            if (depth - closeCount >= 2)
            {
                depth += BitOperations.PopCount(opens) - closeCount;
                pos += BlockSize;
                continue;
            }

            depth = ScanTopLevelBlock<TClassifier>(json, pos, ref block, masks, inside, opens, closes, depth, ref lastValue);
            if (depth <= 0)
            {
                return lastValue;
            }

            pos += BlockSize;
        }

        if (pos < json.Length)
        {
            // The last partial block goes through a copy padded with spaces, so no load reads past the input.
            Span<byte> tail = stackalloc byte[BlockSize];
            tail.Fill((byte)' ');
            json.Slice(pos).CopyTo(tail);
            ref byte block = ref MemoryMarshal.GetReference(tail);
            BlockMasks masks = TClassifier.Classify(ref block);
            ulong inside = StringMask(masks, ref inString, ref escapeCarry);
            ScanTopLevelBlock<TClassifier>(json, pos, ref block, masks, inside, masks.Opens & ~inside, masks.Closes & ~inside, depth, ref lastValue);
        }

        return lastValue;
    }

    /// <summary>
    /// Looks for the errcode key in a block that may reach depth 1, and returns the depth after the block.
    /// </summary>
    private static int ScanTopLevelBlock<TClassifier>(
        ReadOnlySpan<byte> json, int pos, ref byte block, BlockMasks masks, ulong inside, ulong opens, ulong closes, int depth, ref int lastValue)
        where TClassifier : struct, IBlockClassifier
    {
        // A quote inside the string mask is an opening quote (the mask covers the opening quote, not the closing one).
        ulong openingQuotes = masks.Quotes & inside;
        if (openingQuotes != 0)
        {
            // Only a string starting with 'e' or a backslash can name errcode. The byte after bit 63 lies in
            // the next block, so that quote always stays a candidate.
            ulong nextIsCandidate = ((TClassifier.Equal(ref block, (byte)'e') | masks.Backslashes) >> 1) | (1UL << 63);
            ulong candidates = openingQuotes & nextIsCandidate;
            while (candidates != 0)
            {
                int bit = BitOperations.TrailingZeroCount(candidates);
                ulong before = (1UL << bit) - 1;
                int quoteDepth = depth + BitOperations.PopCount(opens & before) - BitOperations.PopCount(closes & before);
                if (quoteDepth == 1 && TryMatchErrcodeKey(json, pos + bit, out int valueStart))
                {
                    lastValue = valueStart;
                }

                candidates &= candidates - 1;
            }
        }

        return depth + BitOperations.PopCount(opens) - BitOperations.PopCount(closes);
    }

    /// <summary>
    /// The bytes inside strings: each opening quote and the content after it, up to but excluding the closing quote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StringMask(BlockMasks masks, ref ulong inString, ref ulong escapeCarry)
    {
        ulong quotes = masks.Quotes;
        if ((masks.Backslashes | escapeCarry) != 0)
        {
            quotes &= ~FindEscaped(masks.Backslashes, ref escapeCarry);
        }

        ulong inside = PrefixXor(quotes) ^ inString;
        inString = (ulong)((long)inside >> 63);
        return inside;
    }

    /// <summary>
    /// The bytes escaped by a backslash: those right after an odd-length run of backslashes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FindEscaped(ulong backslashes, ref ulong escapeCarry)
    {
        // A backslash escaped from the previous block starts no run. A run continuing from the previous block
        // after an even count starts afresh here, since pairs of backslashes escape each other.
        ulong carryIn = escapeCarry;
        ulong runs = backslashes & ~carryIn;
        ulong starts = runs & ~(runs << 1);

        // Adding a run's start bit to the run ripples a carry through it and sets the bit just past its end.
        // A run that starts on an even bit has odd length exactly when that bit is odd, and vice versa.
        ulong pastEvenStarts = (runs + (starts & EvenBits)) & ~runs;
        ulong oddSum = runs + (starts & ~EvenBits);
        ulong pastOddStarts = oddSum & ~runs;

        // The carry out of the odd-start sum is a run reaching bit 63 with odd length: it escapes the next block's first byte.
        escapeCarry = oddSum < runs ? 1UL : 0UL;
        return (pastEvenStarts & ~EvenBits) | (pastOddStarts & EvenBits) | carryIn;
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

    /// <summary>Bit masks of one 64-byte block.</summary>
    private readonly struct BlockMasks(ulong quotes, ulong backslashes, ulong opens, ulong closes)
    {
        public ulong Quotes { get; } = quotes;

        public ulong Backslashes { get; } = backslashes;

        /// <summary><c>{</c> and <c>[</c>, inside strings or not.</summary>
        public ulong Opens { get; } = opens;

        /// <summary><c>}</c> and <c>]</c>, inside strings or not.</summary>
        public ulong Closes { get; } = closes;
    }

    /// <summary>Turns 64 bytes into bit masks with one vector width.</summary>
    private interface IBlockClassifier
    {
        static abstract BlockMasks Classify(ref byte block);

        static abstract ulong Equal(ref byte block, byte value);
    }
}
#endif
