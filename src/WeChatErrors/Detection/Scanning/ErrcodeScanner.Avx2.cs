#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WeChatErrors.Detection.Scanning;

internal static partial class ErrcodeScanner
{
    /// <summary>The 256-bit path (AVX2 on x64). Correct on any machine; fast where Vector256 is accelerated.</summary>
    internal static ErrcodeScanResult ScanAvx2(ReadOnlySpan<byte> utf8Json)
    {
        int start = FindObjectStart(utf8Json);
        return start < 0 ? ErrcodeScanResult.NotAnObject : Complete(utf8Json, ScanMembersBlocks<Vector256Classifier>(utf8Json, start));
    }

    private readonly struct Vector256Classifier : IBlockClassifier
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static BlockMasks Classify(ref byte block) => ClassifyNested(ref block).Joined();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static NestedBlockMasks ClassifyNested(ref byte block)
        {
            Vector256<byte> low = Vector256.LoadUnsafe(ref block);
            Vector256<byte> high = Vector256.LoadUnsafe(ref block, 32);

            // '{' 0x7B and '[' 0x5B (likewise '}' and ']') differ only in bit 0x20.
            Vector256<byte> caseBit = Vector256.Create((byte)0x20);
            Vector256<byte> foldedLow = low | caseBit;
            Vector256<byte> foldedHigh = high | caseBit;
            Vector256<byte> opensLow = Vector256.Equals(foldedLow, Vector256.Create((byte)'{'));
            Vector256<byte> opensHigh = Vector256.Equals(foldedHigh, Vector256.Create((byte)'{'));
            Vector256<byte> closesLow = Vector256.Equals(foldedLow, Vector256.Create((byte)'}'));
            Vector256<byte> closesHigh = Vector256.Equals(foldedHigh, Vector256.Create((byte)'}'));
            Vector256<byte> backslashesLow = Vector256.Equals(low, Vector256.Create((byte)'\\'));
            Vector256<byte> backslashesHigh = Vector256.Equals(high, Vector256.Create((byte)'\\'));

            return new NestedBlockMasks(
                Combine(Vector256.Equals(low, Vector256.Create((byte)'"')), Vector256.Equals(high, Vector256.Create((byte)'"'))),
                Combine(backslashesLow, backslashesHigh),
                opensLow.ExtractMostSignificantBits(),
                opensHigh.ExtractMostSignificantBits(),
                closesLow.ExtractMostSignificantBits(),
                closesHigh.ExtractMostSignificantBits());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong QuoteMask(ref byte block, out bool hasBracketOrBackslash)
        {
            Vector256<byte> low = Vector256.LoadUnsafe(ref block);
            Vector256<byte> high = Vector256.LoadUnsafe(ref block, 32);
            hasBracketOrBackslash = (IsBracketOrBackslash(low) | IsBracketOrBackslash(high)) != Vector256<byte>.Zero;
            Vector256<byte> quote = Vector256.Create((byte)'"');
            return Combine(Vector256.Equals(low, quote), Vector256.Equals(high, quote));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<byte> IsBracketOrBackslash(Vector256<byte> bytes)
        {
            // '{' 0x7B, '}' 0x7D, '[' 0x5B and ']' 0x5D are the bytes that OR 0x20 maps to 0x7B + {0, 2}.
            Vector256<byte> bracket = Vector256.Equals(((bytes | Vector256.Create((byte)0x20)) - Vector256.Create((byte)0x7B)) & Vector256.Create((byte)0xFD), Vector256<byte>.Zero);
            return bracket | Vector256.Equals(bytes, Vector256.Create((byte)'\\'));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Equal(ref byte block, byte value)
        {
            Vector256<byte> target = Vector256.Create(value);
            return Combine(Vector256.Equals(Vector256.LoadUnsafe(ref block), target), Vector256.Equals(Vector256.LoadUnsafe(ref block, 32), target));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Combine(Vector256<byte> low, Vector256<byte> high) =>
            low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);
    }
}
#endif
