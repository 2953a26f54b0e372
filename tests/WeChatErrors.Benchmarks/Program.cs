using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using WeChatErrors.Benchmarks;
using WeChatErrors.Benchmarks.Profiles;

// Usage: dotnet run -c Release --project tests/WeChatErrors.Benchmarks -- --short --filter '*'
if (args is ["--quick"])
{
    QuickHarness.Run();
    return;
}

if (args is ["--profile", ..])
{
    await CallProfile.Run(args.Length > 1 ? args[1] : WeChatBodies.SmallError);
    return;
}

if (args is ["--loopback", ..])
{
    await LoopbackProfile.Run(args.Length > 1 ? args[1].Split(',') : LoopbackProfile.DefaultBodies);
    return;
}

if (args is ["--verify"])
{
    // Prints what each handler returns per body: the body length, or the errcode it threw.
    foreach (string body in HandlerBenchmarks.Bodies)
    {
        var benchmarks = new HandlerBenchmarks { Body = body };
        benchmarks.Setup();
        Console.WriteLine($"{body,-28} pass {await benchmarks.PassThrough(),8} wechat {await benchmarks.WeChatHandler(),8} no-retry {await benchmarks.WeChatHandlerNoRetry(),8} "
            + $"jsondoc {await benchmarks.JsonDocument(),8} model {await benchmarks.Model(),8} newtonsoft {await benchmarks.Newtonsoft(),8}");
        benchmarks.Cleanup();
    }

    return;
}

IConfig config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());

// --short: BenchmarkDotNet's short run (one process per case) with 5 warm-ups and 5 iterations of 120 ms
// instead of 3 of 500 ms: the whole suite in a few minutes on 2 cores, at some cost in precision.
if (args.Contains("--short"))
{
    args = [.. args.Where(arg => arg != "--short")];
    config = config.AddJob(Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(120)).WithWarmupCount(5).WithIterationCount(5).WithId("Short"));
}

// Emulated 512-bit vectors are orders of magnitude slower and say nothing about the hardware path.
if (!Avx512BW.IsSupported)
{
    Console.WriteLine("AVX-512BW is not available: the Avx512 benchmarks are skipped.");
    config = config.AddFilter(new NameFilter(method => method != nameof(ScannerBenchmarks.Avx512)));
}

BenchmarkSwitcher.FromAssembly(typeof(ScannerBenchmarks).Assembly).Run(args, config);
