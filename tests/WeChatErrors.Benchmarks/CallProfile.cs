using System.Diagnostics;
using System.Globalization;

namespace WeChatErrors.Benchmarks;

/// <summary>
/// A Stopwatch loop over the handler benchmarks' calls on one body (<c>-- --profile [body]</c>, small-error by default):
/// the cases take turns, round after round, and each keeps its fastest round. A shared host that slows down for seconds at
/// a time then slows every case alike, so the ratios hold where a BenchmarkDotNet run, one case after another, can be skewed.
/// </summary>
internal static class CallProfile
{
    private const int Rounds = 20;

    public static async Task Run(string body)
    {
        var benchmarks = new HandlerBenchmarks { Body = body };
        benchmarks.Setup();
        byte[] json = WeChatBodies.Get(body);
        var cases = new List<(string Name, Func<Task<int>> Call)>
        {
            ("PassThrough", benchmarks.PassThrough),
            ("EmptyHandler", benchmarks.EmptyHandler),
            ("WeChatHandler", benchmarks.WeChatHandler),
            ("NoRetry", benchmarks.WeChatHandlerNoRetry),
            ("JsonDocument", benchmarks.JsonDocument),
        };

        if (body == WeChatBodies.SmallError)
        {
            // The exception alone: built from the body and thrown once, with no HttpClient around it.
            cases.Insert(0, ("ThrowIfError", () => Task.FromResult(ThrowIfError(json))));
        }

        // Warm up past tiered compilation, then size each case's rounds at about 50 ms.
        for (long end = Stopwatch.GetTimestamp() + Stopwatch.Frequency; Stopwatch.GetTimestamp() < end;)
        {
            foreach (var (_, call) in cases)
            {
                await call();
            }
        }

        var watch = new Stopwatch();
        var calls = new int[cases.Count];
        for (int c = 0; c < cases.Count; c++)
        {
            watch.Restart();
            for (int i = 0; i < 20; i++)
            {
                await cases[c].Call();
            }

            calls[c] = (int)Math.Clamp(50 * 20 / watch.Elapsed.TotalMilliseconds, 10, 50_000);
        }

        var fastest = new double[cases.Count];
        var allocated = new long[cases.Count];
        Array.Fill(fastest, double.MaxValue);
        for (int round = 0; round < Rounds; round++)
        {
            for (int c = 0; c < cases.Count; c++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                watch.Restart();
                for (int i = 0; i < calls[c]; i++)
                {
                    await cases[c].Call();
                }

                double microseconds = watch.Elapsed.TotalMilliseconds * 1000 / calls[c];
                if (microseconds < fastest[c])
                {
                    fastest[c] = microseconds;
                    allocated[c] = (GC.GetAllocatedBytesForCurrentThread() - before) / calls[c];
                }
            }
        }

        benchmarks.Cleanup();
        Console.WriteLine($"{body}: about 50 ms per case and round, the fastest of {Rounds} rounds, and the bytes per call in it");
        double passThrough = fastest[cases.FindIndex(c => c.Name == "PassThrough")];
        for (int c = 0; c < cases.Count; c++)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{cases[c].Name,-14} {fastest[c],10:0.000} us {fastest[c] / passThrough,7:0.00}x {(fastest[c] - passThrough) * 1000,10:+0;-0} ns {allocated[c],10} B"));
        }
    }

    private static int ThrowIfError(byte[] body)
    {
        try
        {
            WeChatApiException.ThrowIfError(body);
            return 0;
        }
        catch (WeChatApiException ex)
        {
            return (int)ex.RawErrorCode;
        }
    }
}
