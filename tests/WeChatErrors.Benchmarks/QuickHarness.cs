using System.Diagnostics;
using System.Globalization;
using WeChatErrors.Detection.Scanning;

namespace WeChatErrors.Benchmarks;

/// <summary>
/// A rough Stopwatch loop for quick iteration while optimizing (<c>-- --quick</c>, bodies filtered by <c>SCANNER_BODIES</c>);
/// report BenchmarkDotNet numbers instead.
/// </summary>
internal static class QuickHarness
{
    public static void Run()
    {
        (string Name, Func<byte[], ErrcodeScanResult> Scan)[] paths =
        [
            ("Dispatch", json => ErrcodeScanner.Scan(json)),
            ("Avx2", json => ErrcodeScanner.ScanAvx2(json)),
            ("Scalar", json => ErrcodeScanner.ScanScalar(json)),

            // Calibration on a shared, busy machine: a vectorized search that reads the whole body.
            ("IndexOf", json => json.AsSpan().IndexOf((byte)1) < 0 ? ErrcodeScanResult.NoErrcode : ErrcodeScanResult.Unsure),
        ];

        foreach (string body in ScannerBenchmarks.Bodies)
        {
            byte[] json = WeChatBodies.Get(body);
            foreach (var (name, scan) in paths)
            {
                int iterations = Math.Max(20, 400_000_000 / (json.Length + 2000));

                // Warm up past tiered compilation (Tier0, OSR, PGO-instrumented code) before timing.
                for (long end = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 2); Stopwatch.GetTimestamp() < end;)
                {
                    _ = scan(json);
                }

                long best = long.MaxValue;
                for (int round = 0; round < 15; round++)
                {
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < iterations; i++)
                    {
                        _ = scan(json);
                    }

                    best = Math.Min(best, Stopwatch.GetTimestamp() - start);
                }

                double nanoseconds = best * 1e9 / Stopwatch.Frequency / iterations;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{body,-28} {name,-9} {nanoseconds,12:0.0} ns {json.Length / nanoseconds,8:0.00} GB/s  {scan(json)}"));
            }
        }
    }
}
