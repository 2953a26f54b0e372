#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using System.Runtime.Intrinsics.X86;

namespace WeChatErrors.Detection.Scanning;

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
    /// Returns the offset of the first non-zero top-level errcode value, else of the last one, or -1. <paramref name="data"/> holds the bytes of
    /// <paramref name="json"/> and is at least one block long.
    /// </summary>
    private static int ScanMembersBlocks<TClassifier>(ReadOnlySpan<byte> json, ref byte data, int pos)
        where TClassifier : struct, IBlockClassifier
    {
        // Locals rather than a struct, so that the JIT keeps them in registers; a struct carries them only into
        // and out of the skip loop.
        int lastBlock = Math.Max(json.Length, BlockSize) - BlockSize;
        int depth = 0;
        ulong inString = 0;
        ulong escapeCarry = 0;
        int lastValue = -1;

        // The first block stops at a 64-byte address boundary so that the later loads are aligned
        // (misaligned ones cost up to half the throughput).
        int take = BlockSize - Misalignment(ref Unsafe.Add(ref data, pos));
        while (true)
        {
            // One block in full: the first, a top-level one, one the skip loop stopped at, or the input's tail. The tail
            // is read as the input's last 64 bytes, shifted so that bit 0 is pos (the bits past the end come in as zeros:
            // no quote, bracket or backslash).
            int shift = Math.Max(0, pos - lastBlock);
            if (shift > 0)
            {
                take = BlockSize;
            }

            ref byte block = ref Unsafe.Add(ref data, pos - shift);
            BlockMasks masks = TClassifier.Classify(ref block).ShiftRight(shift).KeepLow(take);
            bool closed = ScanBlock<TClassifier>(json, ref block, masks, pos, take, shift, ref depth, ref inString, ref escapeCarry, ref lastValue);
            pos += take;
            if (closed || pos >= json.Length)
            {
                return lastValue;
            }

            // At depth 1 the skip loop would stop at once: a top-level key may open in any block.
            if (depth >= 2 && pos <= lastBlock)
            {
                var nested = SkipNestedBlocks<TClassifier>(ref data, lastBlock, new NestedState(pos, depth, inString, escapeCarry, masks.IsClean));
                (pos, depth, inString, escapeCarry) = (nested.Pos, nested.Depth, nested.InString, nested.EscapeCarry);
                if (pos >= json.Length)
                {
                    return lastValue;
                }
            }

            take = BlockSize;
        }
    }

    /// <summary>
    /// Skips the whole blocks from <see cref="NestedState.Pos"/> on in which no key can open at depth 1, and
    /// returns the state at the first block in which one may (or after the last whole block).
    /// </summary>
    /// <remarks>
    /// Nearly every block of a large body is skipped here. The loop calls nothing, so that the JIT keeps the state
    /// in registers; the blocks it stops at are scanned again, in full, by <see cref="ScanMembersBlocks{TClassifier}(ReadOnlySpan{byte}, ref byte, int)"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NestedState SkipNestedBlocks<TClassifier>(ref byte data, int lastBlock, NestedState state)
        where TClassifier : struct, IBlockClassifier
    {
        // A moving reference instead of an offset, and the clean state kept in which loop runs rather than in a
        // variable: registers the JIT would otherwise spill.
        ref byte block = ref Unsafe.Add(ref data, state.Pos);
        ref byte last = ref Unsafe.Add(ref data, lastBlock);
        int depth = state.Depth;
        ulong inString = state.InString;
        ulong escapeCarry = state.EscapeCarry;
        bool clean = state.Clean;
        while (!Unsafe.IsAddressGreaterThan(ref block, ref last))
        {
            // Follower lists and other long arrays of plain strings: while nested and the blocks hold no bracket and
            // no backslash, the quote mask alone carries the string state, and the depth stays.
            if (clean && depth >= 2)
            {
                do
                {
                    ulong quotes = TClassifier.QuoteMask(ref block, out bool hasBracketOrBackslash);
                    if (hasBracketOrBackslash)
                    {
                        break;
                    }

                    inString ^= 0 - (ulong)(BitOperations.PopCount(quotes) & 1);
                    block = ref Unsafe.Add(ref block, BlockSize);
                }
                while (!Unsafe.IsAddressGreaterThan(ref block, ref last));

                if (Unsafe.IsAddressGreaterThan(ref block, ref last))
                {
                    break;
                }
            }

            do
            {
                NestedBlockMasks masks = TClassifier.ClassifyNested(ref block);
                ulong nextEscapeCarry = escapeCarry;
                ulong inside = StringMask(masks.Quotes, masks.Backslashes, inString, ref nextEscapeCarry);

                uint insideLow = (uint)inside;
                uint insideHigh = (uint)(inside >> 32);
                int opensLow = BitOperations.PopCount(masks.OpensLow & ~insideLow);
                int closesLow = BitOperations.PopCount(masks.ClosesLow & ~insideLow);
                int closesHigh = BitOperations.PopCount(masks.ClosesHigh & ~insideHigh);
                if (MayReachTopLevel(depth, opensLow, closesLow, closesHigh))
                {
                    clean = false;
                    goto Stop;
                }

                depth += opensLow - closesLow + BitOperations.PopCount(masks.OpensHigh & ~insideHigh) - closesHigh;
                inString = (ulong)((long)inside >> 63);
                escapeCarry = nextEscapeCarry;
                block = ref Unsafe.Add(ref block, BlockSize);
                clean = masks.IsClean;
            }
            while (!clean && !Unsafe.IsAddressGreaterThan(ref block, ref last));
        }

    Stop:
        return new NestedState((int)Unsafe.ByteOffset(ref data, ref block), depth, inString, escapeCarry, clean);
    }

    /// <summary>
    /// Advances the depth and string state over the masks of the block at <paramref name="pos"/> (only the low
    /// <paramref name="take"/> bits count) and records a top-level errcode key in it. Returns whether the scan is over:
    /// the top-level object closed, or a non-zero errcode was found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScanBlock<TClassifier>(
        ReadOnlySpan<byte> json, ref byte block, BlockMasks masks, int pos, int take, int shift, ref int depth, ref ulong inString, ref ulong escapeCarry, ref int lastValue)
        where TClassifier : struct, IBlockClassifier
    {
        ulong inside = StringMask(masks.Quotes, masks.Backslashes, ref inString, ref escapeCarry, take);
        ulong opens = masks.Opens & ~inside;
        ulong closes = masks.Closes & ~inside;
        int closeCount = BitOperations.PopCount(closes);

        // A key can be errcode only where the depth may come back to 1 (inside the top-level object). A quote inside
        // the string mask is an opening quote (the mask covers the opening quote, not the closing one).
        ulong openingQuotes = masks.Quotes & inside;
        const ulong LowHalf = 0xFFFF_FFFF;
        if (openingQuotes != 0
            && MayReachTopLevel(depth, BitOperations.PopCount(opens & LowHalf), BitOperations.PopCount(closes & LowHalf), BitOperations.PopCount(closes & ~LowHalf)))
        {
            lastValue = FindTopLevelErrcode<TClassifier>(json, ref block, openingQuotes, masks.Backslashes, opens, closes, pos, take, shift, depth, lastValue);
            if (lastValue >= 0 && !IsZeroToken(json, lastValue))
            {
                return true;
            }
        }

        depth += BitOperations.PopCount(opens) - closeCount;
        return depth <= 0;
    }

    /// <summary>
    /// Whether the depth may come back to 1 (or below) in a block, from the brackets outside strings counted per
    /// 32-byte half: a lower bound on the depth in each half. Per half rather than per block, so that a block that
    /// closes several nested levels while staying nested is still skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayReachTopLevel(int depth, int opensLow, int closesLow, int closesHigh) =>
        // One branch instead of two: the common answer is no, and which half fails is unpredictable.
        ((depth - closesLow - 2) | (depth + opensLow - closesLow - closesHigh - 2)) < 0;

    /// <summary>
    /// Matches the strings that open at depth 1 in the block against the errcode key, and returns the offset of the
    /// last errcode value found (the first non-zero one ends the search), else <paramref name="lastValue"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindTopLevelErrcode<TClassifier>(
        ReadOnlySpan<byte> json, ref byte block, ulong openingQuotes, ulong backslashes, ulong opens, ulong closes, int pos, int take, int shift, int depth, int lastValue)
        where TClassifier : struct, IBlockClassifier
    {
        // Only a string starting with 'e' or a backslash can name errcode. The byte after the block's
        // last bit lies in the next block, so that quote always stays a candidate.
        ulong nextIsCandidate = (((TClassifier.Equal(ref block, (byte)'e') >> shift) | backslashes) >> 1) | (1UL << (take - 1));
        ulong candidates = openingQuotes & nextIsCandidate;
        while (candidates != 0)
        {
            int bit = BitOperations.TrailingZeroCount(candidates);
            ulong before = (1UL << bit) - 1;
            int quoteDepth = depth + BitOperations.PopCount(opens & before) - BitOperations.PopCount(closes & before);
            if (quoteDepth == 1 && TryMatchErrcodeKey(json, pos + bit, out int valueStart))
            {
                lastValue = valueStart;
                if (!IsZeroToken(json, valueStart))
                {
                    break;
                }
            }

            candidates &= candidates - 1;
        }

        return lastValue;
    }

    /// <summary>What the skip loop takes and hands back.</summary>
    private readonly struct NestedState(int pos, int depth, ulong inString, ulong escapeCarry, bool clean)
    {
        /// <summary>The offset of the next block's first byte.</summary>
        public int Pos { get; } = pos;

        /// <summary>Brackets open (outside strings) before <see cref="Pos"/>.</summary>
        public int Depth { get; } = depth;

        /// <summary>All ones when the previous block ended inside a string.</summary>
        public ulong InString { get; } = inString;

        /// <summary>1 when the previous block ended in an odd run of backslashes.</summary>
        public ulong EscapeCarry { get; } = escapeCarry;

        /// <summary>Whether the previous block held no bracket and no backslash (so no escape carries out of it).</summary>
        public bool Clean { get; } = clean;
    }

    /// <summary>The address of <paramref name="value"/> modulo the block size (only a speed hint: the GC may move arrays).</summary>
    private static unsafe int Misalignment(ref byte value) => (int)((nuint)Unsafe.AsPointer(ref value) % BlockSize);

    /// <summary>Bit masks of one 64-byte block.</summary>
    private readonly struct BlockMasks(ulong quotes, ulong backslashes, ulong opens, ulong closes)
    {
        public ulong Quotes { get; } = quotes;

        public ulong Backslashes { get; } = backslashes;

        /// <summary><c>{</c> and <c>[</c>, inside strings or not.</summary>
        public ulong Opens { get; } = opens;

        /// <summary><c>}</c> and <c>]</c>, inside strings or not.</summary>
        public ulong Closes { get; } = closes;

        /// <summary>Whether the block holds no bracket and no backslash (so no escape carries out of it).</summary>
        public bool IsClean => (Backslashes | Opens | Closes) == 0;

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

    /// <summary>
    /// The masks <see cref="SkipNestedBlocks"/> needs: quotes and backslashes for the whole block, brackets per 32-byte
    /// half (it only counts them, per half, so they are never joined into 64 bits).
    /// </summary>
    private readonly struct NestedBlockMasks(ulong quotes, ulong backslashes, uint opensLow, uint opensHigh, uint closesLow, uint closesHigh)
    {
        public ulong Quotes { get; } = quotes;

        public ulong Backslashes { get; } = backslashes;

        public uint OpensLow { get; } = opensLow;

        public uint OpensHigh { get; } = opensHigh;

        public uint ClosesLow { get; } = closesLow;

        public uint ClosesHigh { get; } = closesHigh;

        /// <summary>Whether the block holds no bracket and no backslash.</summary>
        /// <remarks>Read from the masks every caller has already, rather than by testing the vectors a second time.</remarks>
        public bool IsClean => Backslashes == 0 && (OpensLow | OpensHigh | ClosesLow | ClosesHigh) == 0;

        /// <summary>The same masks with the bracket halves joined into 64 bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public BlockMasks Joined() => new(Quotes, Backslashes, OpensLow | ((ulong)OpensHigh << 32), ClosesLow | ((ulong)ClosesHigh << 32));
    }

    /// <summary>Turns 64 bytes into bit masks with one vector width.</summary>
    private interface IBlockClassifier
    {
        static abstract BlockMasks Classify(ref byte block);

        static abstract NestedBlockMasks ClassifyNested(ref byte block);

        /// <summary>The quote mask alone, and whether the block holds any bracket or backslash.</summary>
        static abstract ulong QuoteMask(ref byte block, out bool hasBracketOrBackslash);

        static abstract ulong Equal(ref byte block, byte value);
    }
}
#endif
