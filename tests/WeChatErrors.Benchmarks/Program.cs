using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using WeChatErrors.Benchmarks;

// Usage: dotnet run -c Release --project tests/WeChatErrors.Benchmarks -- --job short --filter '*Scanner*'
if (args is ["--quick"])
{
    QuickHarness.Run();
    return;
}

IConfig config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());

// Emulated 512-bit vectors are orders of magnitude slower and say nothing about the hardware path.
if (!Avx512BW.IsSupported)
{
    Console.WriteLine("AVX-512BW is not available: the Avx512 benchmarks are skipped.");
    config = config.AddFilter(new NameFilter(method => method != nameof(ScannerBenchmarks.Avx512)));
}

BenchmarkSwitcher.FromAssembly(typeof(ScannerBenchmarks).Assembly).Run(args, config);
