#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WeChatErrors.Detection.Scanning;

internal static partial class ErrcodeScanner
{
    /// <summary>The 512-bit path (AVX-512BW on x64). Correct on any machine; fast where Vector512 is accelerated.</summary>
    internal static ErrcodeScanResult ScanAvx512(ReadOnlySpan<byte> utf8Json)
    {
        int start = FindObjectStart(utf8Json);
        return start < 0 ? ErrcodeScanResult.NotAnObject : Complete(utf8Json, ScanMembersBlocks<Vector512Classifier>(utf8Json, start));
    }

    private readonly struct Vector512Classifier : IBlockClassifier
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static BlockMasks Classify(ref byte block)
        {
            Vector512<byte> bytes = Vector512.LoadUnsafe(ref block);

            // '{' 0x7B and '[' 0x5B (likewise '}' and ']') differ only in bit 0x20.
            Vector512<byte> folded = bytes | Vector512.Create((byte)0x20);

            return new BlockMasks(
                Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits(),
                Vector512.Equals(bytes, Vector512.Create((byte)'\\')).ExtractMostSignificantBits(),
                Vector512.Equals(folded, Vector512.Create((byte)'{')).ExtractMostSignificantBits(),
                Vector512.Equals(folded, Vector512.Create((byte)'}')).ExtractMostSignificantBits());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static NestedBlockMasks ClassifyNested(ref byte block)
        {
            BlockMasks masks = Classify(ref block);
            return new NestedBlockMasks(
                masks.Quotes,
                masks.Backslashes,
                (uint)masks.Opens,
                (uint)(masks.Opens >> 32),
                (uint)masks.Closes,
                (uint)(masks.Closes >> 32));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong QuoteMask(ref byte block, out bool hasBracketOrBackslash)
        {
            Vector512<byte> bytes = Vector512.LoadUnsafe(ref block);

            // '{' 0x7B, '}' 0x7D, '[' 0x5B and ']' 0x5D are the bytes that OR 0x20 maps to 0x7B + {0, 2}.
            Vector512<byte> bracket = Vector512.Equals(((bytes | Vector512.Create((byte)0x20)) - Vector512.Create((byte)0x7B)) & Vector512.Create((byte)0xFD), Vector512<byte>.Zero);
            hasBracketOrBackslash = (bracket | Vector512.Equals(bytes, Vector512.Create((byte)'\\'))) != Vector512<byte>.Zero;
            return Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Equal(ref byte block, byte value) =>
            Vector512.Equals(Vector512.LoadUnsafe(ref block), Vector512.Create(value)).ExtractMostSignificantBits();
    }
}
#endif
