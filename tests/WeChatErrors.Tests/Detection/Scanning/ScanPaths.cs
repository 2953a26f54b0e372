using System.Runtime.Intrinsics;
using WeChatErrors.Detection.Scanning;
using System.Runtime.Intrinsics.X86;

namespace WeChatErrors.Tests.Detection.Scanning;

internal delegate ErrcodeScanResult ScanFunction(ReadOnlySpan<byte> utf8Json);

/// <summary>The scanner paths under test. The vector paths run on any CPU (slowly where not accelerated).</summary>
internal static class ScanPaths
{
#if WECHATERRORS_NETSTANDARD_BUILD
    // The netstandard2.0 build has only the scalar path: dispatch is the scalar loop.
    public static readonly string[] Names = ["Scalar", "Dispatch"];
#else
    public static readonly string[] Names = ["Scalar", "Avx2", "Avx512", "Dispatch"];
#endif

    public static ScanFunction Get(string name) => name switch
    {
        "Scalar" => ErrcodeScanner.ScanScalar,
#if !WECHATERRORS_NETSTANDARD_BUILD
        "Avx2" => ErrcodeScanner.ScanAvx2,
        "Avx512" => ErrcodeScanner.ScanAvx512,
#endif
        "Dispatch" => ErrcodeScanner.Scan,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Whether the path runs on vector hardware here (software-emulated vectors are much slower).</summary>
    public static bool IsAccelerated(string name) => name switch
    {
        "Avx2" => Avx2.IsSupported && Pclmulqdq.IsSupported,
        "Avx512" => Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && Pclmulqdq.IsSupported,
        _ => true,
    };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static string Describe(ErrcodeScanResult result, ReadOnlySpan<byte> json) =>
        result.Status == ErrcodeScanStatus.Found
            ? $"Found {System.Text.Encoding.UTF8.GetString(json.Slice(result.ValueStart, result.ValueLength))} @{result.ValueStart} zero={result.IsZero}"
            : result.Status.ToString();
}
