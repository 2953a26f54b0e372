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

    /// <summary>Bits at odd positions.</summary>
    private const ulong OddBits = 0xAAAA_AAAA_AAAA_AAAA;

    /// <summary>Scans with 64-byte blocks, through a padded copy when the input is shorter than one block.</summary>
    private static int ScanMembersBlocks<TClassifier>(ReadOnlySpan<byte> json, int objectStart)
        where TClassifier : struct, IBlockClassifier
    {
        return json.Length >= BlockSize
            ? ScanMembersBlocks<TClassifier>(json, ref MemoryMarshal.GetReference(json), objectStart)
            : ScanMembersPadded<TClassifier>(json, objectStart);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ScanMembersPadded<TClassifier>(ReadOnlySpan<byte> json, int objectStart)
        where TClassifier : struct, IBlockClassifier
    {
        // Trailing spaces are neutral. Key matching still reads the original span, so offsets stay the same.
        Span<byte> padded = stackalloc byte[BlockSize];
        padded.Fill((byte)' ');
        json.CopyTo(padded);
        return ScanMembersBlocks<TClassifier>(json, ref MemoryMarshal.GetReference(padded), objectStart);
    }

    /// <summary>
    /// Returns the offset of the last top-level errcode value, or -1. <paramref name="data"/> holds the bytes of
    /// <paramref name="json"/> and is at least one block long.
    /// </summary>
    private static int ScanMembersBlocks<TClassifier>(ReadOnlySpan<byte> json, ref byte data, int pos)
        where TClassifier : struct, IBlockClassifier
    {
        int length = Math.Max(json.Length, BlockSize);
        int lastBlock = length - BlockSize;
        int depth = 0;             // brackets open (outside strings) before pos; the top-level '{' is at pos
        ulong inString = 0;        // all ones when the previous block ended inside a string
        ulong escapeCarry = 0;     // 1 when the previous block ended in an odd run of backslashes
        int lastValue = -1;

        // The first block stops at a 64-byte address boundary so that the later loads are aligned
        // (misaligned ones cost up to half the throughput).
        int take = BlockSize - Misalignment(ref Unsafe.Add(ref data, pos));

        while (pos < json.Length)
        {
            // The last partial block is read as the input's last 64 bytes, shifted so that bit 0 is pos;
            // the bits past the end come in as zeros (no quote, bracket or backslash).
            int shift = Math.Max(0, pos - lastBlock);
            if (shift > 0)
            {
                take = BlockSize;
            }

            ref byte block = ref Unsafe.Add(ref data, pos - shift);
            BlockMasks masks = TClassifier.Classify(ref block).ShiftRight(shift).KeepLow(take);
            ulong inside = StringMask(masks, ref inString, ref escapeCarry, take);
            ulong opens = masks.Opens & ~inside;
            ulong closes = masks.Closes & ~inside;

            // A quote inside the string mask is an opening quote (the mask covers the opening quote, not the closing one).
            ulong openingQuotes = masks.Quotes & inside;
            if (openingQuotes != 0)
            {
                // Only a string starting with 'e' or a backslash can name errcode. The byte after the block's
                // last bit lies in the next block, so that quote always stays a candidate.
                ulong nextIsCandidate = (((TClassifier.Equal(ref block, (byte)'e') >> shift) | masks.Backslashes) >> 1) | (1UL << (take - 1));
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

            depth += BitOperations.PopCount(opens) - BitOperations.PopCount(closes);
            if (depth <= 0)
            {
                break;
            }

            pos += take;
            take = BlockSize;
            if (depth >= 2)
            {
                pos = SkipNestedBlocks<TClassifier>(ref data, pos, lastBlock, ref depth, ref inString, ref escapeCarry);
            }
        }

        return lastValue;
    }

    /// <summary>
    /// Skips whole blocks in which every byte is nested at depth 2 or more, and returns the offset of the first
    /// block that is not (or that is not a whole block). The state is left as of that block's start.
    /// </summary>
    private static int SkipNestedBlocks<TClassifier>(ref byte data, int pos, int lastBlock, ref int depth, ref ulong inString, ref ulong escapeCarry)
        where TClassifier : struct, IBlockClassifier
    {
        // Locals, not refs, so the loop runs in registers.
        int d = depth;
        ulong inside = inString;
        ulong carry = escapeCarry;
        for (; pos <= lastBlock; pos += BlockSize)
        {
            ref byte block = ref Unsafe.Add(ref data, pos);
            ulong quotes = TClassifier.QuoteMask(ref block, out bool hasBracketOrBackslash);
            if (!hasBracketOrBackslash && carry == 0)
            {
                // No escapes and no brackets: the depth stays, and the string state flips once per quote.
                inside ^= 0 - (ulong)(BitOperations.PopCount(quotes) & 1);
                continue;
            }

            BlockMasks masks = TClassifier.Classify(ref block);
            ulong nextInString = inside;
            ulong nextCarry = carry;
            ulong blockInside = StringMask(masks, ref nextInString, ref nextCarry, BlockSize);
            int closeCount = BitOperations.PopCount(masks.Closes & ~blockInside);
            if (d - closeCount < 2)
            {
                break;
            }

            d += BitOperations.PopCount(masks.Opens & ~blockInside) - closeCount;
            inside = nextInString;
            carry = nextCarry;
        }

        depth = d;
        inString = inside;
        escapeCarry = carry;
        return pos;
    }

    /// <summary>
    /// The bytes inside strings: each opening quote and the content after it, up to but excluding the closing quote.
    /// </summary>
    /// <remarks>
    /// Only the low <paramref name="take"/> bits of the block count (the masks are zero above them); the carries
    /// come from bit <paramref name="take"/> - 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StringMask(BlockMasks masks, ref ulong inString, ref ulong escapeCarry, int take)
    {
        ulong quotes = masks.Quotes;
        if ((masks.Backslashes | escapeCarry) != 0)
        {
            ulong escaped = FindEscaped(masks.Backslashes, ref escapeCarry);
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

    /// <summary>The address of <paramref name="value"/> modulo the block size (only a speed hint: the GC may move arrays).</summary>
    private static unsafe int Misalignment(ref byte value) => (int)((nuint)Unsafe.AsPointer(ref value) % BlockSize);

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

    /// <summary>Bit masks of one 64-byte block.</summary>
    private readonly struct BlockMasks(ulong quotes, ulong backslashes, ulong opens, ulong closes)
    {
        public ulong Quotes { get; } = quotes;

        public ulong Backslashes { get; } = backslashes;

        /// <summary><c>{</c> and <c>[</c>, inside strings or not.</summary>
        public ulong Opens { get; } = opens;

        /// <summary><c>}</c> and <c>]</c>, inside strings or not.</summary>
        public ulong Closes { get; } = closes;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public BlockMasks ShiftRight(int shift) => new(Quotes >> shift, Backslashes >> shift, Opens >> shift, Closes >> shift);

        /// <summary>Keeps the low <paramref name="count"/> bits (1 to 64).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public BlockMasks KeepLow(int count)
        {
            ulong keep = ulong.MaxValue >> (BlockSize - count);
            return new(Quotes & keep, Backslashes & keep, Opens & keep, Closes & keep);
        }
    }

    /// <summary>Turns 64 bytes into bit masks with one vector width.</summary>
    private interface IBlockClassifier
    {
        static abstract BlockMasks Classify(ref byte block);

        /// <summary>The quote mask alone, and whether the block holds any bracket or backslash.</summary>
        static abstract ulong QuoteMask(ref byte block, out bool hasBracketOrBackslash);

        static abstract ulong Equal(ref byte block, byte value);
    }
}
#endif
