using BenchmarkDotNet.Attributes;
using WeChatErrors.Detection.Scanning;
using WeChatErrors.Tests.Detection.Scanning;

namespace WeChatErrors.Benchmarks;

/// <summary>Every scanner path side by side with the skipping Utf8JsonReader baseline.</summary>
[MemoryDiagnoser]
public class ScannerBenchmarks
{
    private byte[] _json = [];

    [ParamsSource(nameof(Bodies))]
    public string Body { get; set; } = WeChatBodies.SmallError;

    /// <summary>All bodies, or the comma-separated names in <c>SCANNER_BODIES</c> for a shorter run.</summary>
    public static IEnumerable<string> Bodies =>
        Environment.GetEnvironmentVariable("SCANNER_BODIES") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : WeChatBodies.Names;

    [GlobalSetup]
    public void Setup() => _json = WeChatBodies.Get(Body);

    [Benchmark(Baseline = true)]
    public int Utf8JsonReader() => Consume(ReferenceErrcodeScanner.Scan(_json));

    [Benchmark]
    public int Dispatch() => Consume(ErrcodeScanner.Scan(_json));

    [Benchmark]
    public int Avx512() => Consume(ErrcodeScanner.ScanAvx512(_json));

    [Benchmark]
    public int Avx2() => Consume(ErrcodeScanner.ScanAvx2(_json));

    [Benchmark]
    public int Scalar() => Consume(ErrcodeScanner.ScanScalar(_json));

    /// <summary>Folds the whole result into an int so no part of the scan can be optimized away.</summary>
    private static int Consume(ErrcodeScanResult result) =>
        ((int)result.Status * 31) + result.ValueStart + result.ValueLength + (result.IsZero ? 1 : 0);
}
