using System.Diagnostics;
using System.Globalization;

namespace WeChatErrors.Benchmarks.Profiles;

/// <summary>One case of an interleaved measurement: a name and a call that returns what the caller got (a length or an errcode).</summary>
internal sealed record ProfileCase(string Name, Func<Task<int>> Call);

/// <summary>
/// A Stopwatch loop in which the cases take turns, round after round, and each keeps its fastest round. A shared host that
/// slows down for seconds at a time then slows every case alike, so the ratios hold where one case after another can be skewed.
/// </summary>
internal static class Interleaved
{
    /// <summary>Measures the cases; returns microseconds per call and bytes allocated per call (all threads) in each case's fastest round.</summary>
    public static async Task<(double Microseconds, long Bytes)[]> MeasureAsync(IReadOnlyList<ProfileCase> cases, int rounds, double roundMilliseconds)
    {
        // Warm up past tiered compilation.
        for (long end = Stopwatch.GetTimestamp() + Stopwatch.Frequency; Stopwatch.GetTimestamp() < end;)
        {
            foreach (var c in cases)
            {
                await c.Call();
            }
        }

        // Size each case's rounds at about roundMilliseconds.
        var watch = new Stopwatch();
        var calls = new int[cases.Count];
        for (int c = 0; c < cases.Count; c++)
        {
            watch.Restart();
            for (int i = 0; i < 20; i++)
            {
                await cases[c].Call();
            }

            calls[c] = (int)Math.Clamp(roundMilliseconds * 20 / watch.Elapsed.TotalMilliseconds, 10, 50_000);
        }

        var result = new (double Microseconds, long Bytes)[cases.Count];
        Array.Fill(result, (double.MaxValue, 0));
        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < cases.Count; c++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                watch.Restart();
                for (int i = 0; i < calls[c]; i++)
                {
                    await cases[c].Call();
                }

                double microseconds = watch.Elapsed.TotalMilliseconds * 1000 / calls[c];
                if (microseconds < result[c].Microseconds)
                {
                    result[c] = (microseconds, (GC.GetTotalAllocatedBytes(precise: true) - before) / calls[c]);
                }
            }
        }

        return result;
    }

    /// <summary>Prints one line per case: time, ratio and difference to <paramref name="baseline"/>, bytes per call.</summary>
    public static void Print(string title, IReadOnlyList<ProfileCase> cases, (double Microseconds, long Bytes)[] results, string baseline)
    {
        Console.WriteLine(title);
        int b = cases.ToList().FindIndex(c => c.Name == baseline);
        for (int c = 0; c < cases.Count; c++)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {cases[c].Name,-14} {results[c].Microseconds,10:0.000} us {results[c].Microseconds / results[b].Microseconds,7:0.000}x {(results[c].Microseconds - results[b].Microseconds) * 1000,10:+0;-0} ns {results[c].Bytes,10} B {results[c].Bytes - results[b].Bytes,+8:+0;-0} B"));
        }
    }
}
