using WeChatErrors.Benchmarks.Baselines;

namespace WeChatErrors.Benchmarks.Profiles;

/// <summary>
/// The in-memory handler calls on one body (<c>-- --profile [body]</c>, small-error by default), measured by <see cref="Interleaved"/>.
/// With an earlier build (<c>eng/profile-against.sh</c>) the handler of that build runs beside today's.
/// </summary>
internal static class CallProfile
{
    private const int Rounds = 20;

    public static async Task Run(string body)
    {
        var benchmarks = new HandlerBenchmarks { Body = body };
        benchmarks.Setup();
        byte[] json = WeChatBodies.Get(body);
        var cases = new List<ProfileCase>
        {
            new("PassThrough", benchmarks.PassThrough),
            new("EmptyHandler", benchmarks.EmptyHandler),
            new("WeChatHandler", benchmarks.WeChatHandler),
            new("NoRetry", benchmarks.WeChatHandlerNoRetry),
            new("JsonDocument", benchmarks.JsonDocument),
        };

        if (EarlierBuild.IsAvailable)
        {
            cases.Insert(3, new("Before", benchmarks.Before));
        }

        if (body == WeChatBodies.SmallError)
        {
            // The exception alone: built from the body and thrown once, with no HttpClient around it.
            cases.Insert(0, new("ThrowIfError", () => Task.FromResult(ThrowIfError(json))));
        }

        var results = await Interleaved.MeasureAsync(cases, Rounds, roundMilliseconds: 50);
        benchmarks.Cleanup();
        Interleaved.Print($"{body} (in memory): about 50 ms per case and round, the fastest of {Rounds} rounds, and the bytes per call in it", cases, results, "PassThrough");
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
