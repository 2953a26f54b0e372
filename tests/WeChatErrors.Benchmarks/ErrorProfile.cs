using System.Diagnostics;
using System.Globalization;

namespace WeChatErrors.Benchmarks;

/// <summary>
/// A rough Stopwatch loop over the error path (<c>-- --errprof</c>): time and bytes per call for the exception alone
/// (<c>ThrowIfError</c>), the handler with and without retries, JsonDocument detection and pass-through.
/// </summary>
internal static class ErrorProfile
{
    public static async Task Run()
    {
        const int Calls = 20_000;
        var benchmarks = new HandlerBenchmarks { Body = WeChatBodies.SmallError };
        benchmarks.Setup();
        byte[] body = WeChatBodies.Get(WeChatBodies.SmallError);
        (string Name, Func<Task<int>> Call)[] cases =
        [
            ("ThrowIfError", () => Task.FromResult(ThrowIfError(body))),
            ("NoRetry", benchmarks.WeChatHandlerNoRetry),
            ("Retry", benchmarks.WeChatHandler),
            ("JsonDocument", benchmarks.JsonDocument),
            ("PassThrough", benchmarks.PassThrough),
        ];

        for (int round = 0; round < 3; round++)
        {
            foreach (var (name, call) in cases)
            {
                for (int i = 0; i < 2000; i++)
                {
                    await call();
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < Calls; i++)
                {
                    await call();
                }

                double microseconds = watch.Elapsed.TotalMilliseconds * 1000 / Calls;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} {microseconds,8:0.00} us {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls,8} B"));
            }
        }

        benchmarks.Cleanup();
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
