using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Reliability;

/// <summary>Runs alone, so the figures and the memory measured are the load run's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability (not parallel)";
}

/// <summary>
/// 64 concurrent callers send at least 20,000 requests through <c>AddWeChatErrorHandling</c>, retries on, to a fake
/// WeChat server on Kestrel that answers a mix of successes, errors, downloads and malformed bodies. Every call must end
/// as the server meant it, with exactly as many attempts as the retry policy allows, no unobserved task exception,
/// no secret in any text produced, and no memory growth across rounds.
/// </summary>
/// <remarks>
/// <c>WECHATERRORS_LOAD_REQUESTS</c> and <c>WECHATERRORS_LOAD_CONCURRENCY</c> change the size:
/// <c>WECHATERRORS_LOAD_REQUESTS=200000 dotnet test WeChatErrors.sln --filter FullyQualifiedName~LoadTests</c>.
/// </remarks>
[Collection(ReliabilityCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Rounds = 5;

    [Fact]
    public async Task Load_EveryCallEndsAsTheServerMeant_NothingLostNothingLeaked()
    {
        var totalRequests = ReadSetting("WECHATERRORS_LOAD_REQUESTS", 20_000);
        var concurrency = ReadSetting("WECHATERRORS_LOAD_CONCURRENCY", 64);
        var perRound = (totalRequests + Rounds - 1) / Rounds;
        totalRequests = perRound * Rounds;

        // The event is process-wide: first let the garbage of the tests that ran before this one finalize, so that an unobserved
        // task of theirs (a package's continuation that reads a cancelled task's Result) is not counted as the load run's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var unobserved = 0;
        var unobservedSample = new ConcurrentQueue<string>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) =>
        {
            Interlocked.Increment(ref unobserved);
            unobservedSample.Enqueue(e.Exception.ToString());
        };
        TaskScheduler.UnobservedTaskException += onUnobserved;

        using var probe = new SecretProbe();
        await using var server = await LoadServer.StartAsync();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(probe.LoggerProvider));
        services.AddSingleton<TimeProvider>(new AlmostNextMinuteTimeProvider());
        services.AddHttpClient("wechat", c => c.BaseAddress = server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            .AddWeChatErrorHandling(o =>
            {
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Retry.MaxRetryAttempts = LoadPlan.MaxRetryAttempts;
                o.Retry.MaxRateLimitRetryAttempts = LoadPlan.MaxRateLimitRetryAttempts;
                o.Retry.RateLimitJitter = TimeSpan.Zero;
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
        using var activitySource = new ActivitySource("WeChatErrors.LoadTest");

        var outcomes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var latencies = new long[totalRequests];
        var memoryAfterRound = new long[Rounds];
        long serverCalls = 0;
        long expectedRetries = 0;
        long bodyMismatches = 0;
        var total = Stopwatch.StartNew();

        for (var round = 0; round < Rounds; round++)
        {
            var firstId = (long)round * perRound;
            var endId = firstId + perRound;
            var next = firstId - 1;
            var workers = new Task[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                workers[w] = Task.Run(async () =>
                {
                    long id;
                    while ((id = Interlocked.Increment(ref next)) < endId)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var outcome = await CallAsync(client, activitySource, probe, id).ConfigureAwait(false);
                        latencies[id] = Stopwatch.GetTimestamp() - started;
                        Check(server, id, outcome, outcomes, failures);
                    }
                });
            }

            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(10));

            // The server meant something for every id, and was called exactly as often as the policy allows.
            Assert.Equal(perRound, server.Intents.Count);
            foreach (var intent in server.Intents.Values)
            {
                serverCalls += intent.Calls;
                expectedRetries += intent.ExpectedCalls - 1;
                bodyMismatches += intent.BodyMismatches;
                if (intent.Calls != intent.ExpectedCalls)
                {
                    failures.Enqueue($"id {intent.Id} ({intent.Scenario}): {intent.Calls} calls, policy allows {intent.ExpectedCalls}");
                }
            }

            server.ClearIntents();
            memoryAfterRound[round] = MeasureMemory();
        }

        total.Stop();
        client.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        TaskScheduler.UnobservedTaskException -= onUnobserved;

        var figures = Figures(totalRequests, concurrency, server, serverCalls, probe, outcomes, latencies, memoryAfterRound, total.Elapsed, unobserved);
        output.WriteLine(figures);
        WriteFiguresFile(figures);

        Assert.True(failures.IsEmpty, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(20)));
        Assert.Equal(totalRequests, outcomes.Values.Sum());
        Assert.Equal(0, server.Unknown);
        Assert.Equal(serverCalls, server.Requests);
        Assert.Equal(totalRequests + expectedRetries, serverCalls);
        Assert.Equal(expectedRetries, probe.RetryMeasurements);
        Assert.Equal(0, bodyMismatches);
        Assert.True(unobserved == 0, "unobserved task exceptions:\n" + string.Join("\n", unobservedSample.Take(3)));
        Assert.True(probe.HitCount == 0, "secrets found:\n" + string.Join("\n", probe.Hits.Take(10)));
        Assert.True(probe.RedactedSeen > 0, "no REDACTED seen: the scan saw no URL");

        // Round 1 warms up (connections, JIT, pools); after it, memory must stay flat.
        var baseline = memoryAfterRound[1];
        var growth = memoryAfterRound.Skip(2).Max() - baseline;
        Assert.True(growth < 8 * 1024 * 1024, $"memory grew {growth:N0} bytes after round 2: {string.Join(", ", memoryAfterRound.Select(m => m.ToString("N0", CultureInfo.InvariantCulture)))}");
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static long MeasureMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<CallOutcome> CallAsync(HttpClient client, ActivitySource source, SecretProbe probe, long id)
    {
        var scenario = LoadPlan.ScenarioFor(id);
        var query = (id % 4) switch
        {
            0 => $"id={id}&{probe.SecretQuery}",
            1 => $"access_token={probe.AccessToken}&id={id}&lang=zh_CN",
            2 => $"id={id}&access_token={probe.AccessToken}&code={probe.OAuthCode}",
            _ => $"id={id}&appid=wxLOADTEST&secret={probe.AppSecret}&refresh_token={probe.RefreshToken}",
        };
        using var activity = source.StartActivity("call");
        using var request = new HttpRequestMessage(scenario == LoadScenario.PostStreamBusyThenSuccess ? HttpMethod.Post : HttpMethod.Get, "load?" + query);
        if (scenario == LoadScenario.PostStreamBusyThenSuccess)
        {
            request.Content = new StreamContent(new OneWayStream(LoadPlan.RequestBody(id)));
        }

        try
        {
            if (LoadPlan.UsesSyncSend(id))
            {
                using var syncResponse = client.Send(request);
                using var stream = syncResponse.Content.ReadAsStream();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return CallOutcome.Body(copy.ToArray());
            }

            using var response = await client.SendAsync(request).ConfigureAwait(false);
            return CallOutcome.Body(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            probe.ScanException(ex);
            return CallOutcome.Thrown(ex);
        }
    }

    private static void Check(LoadServer server, long id, CallOutcome outcome, ConcurrentDictionary<string, int> outcomes, ConcurrentQueue<string> failures)
    {
        if (!server.Intents.TryGetValue(id, out var intent))
        {
            failures.Enqueue($"id {id}: the server never saw it ({outcome})");
            return;
        }

        string kind;
        if (intent.ExceptionType is { } expectedType)
        {
            kind = $"{expectedType.Name} {intent.ErrorCode}";
            if (outcome.Exception is not WeChatApiException ex || ex.GetType() != expectedType || ex.RawErrorCode != intent.ErrorCode || ex.Attempts != intent.ExpectedCalls)
            {
                failures.Enqueue($"id {id} ({intent.Scenario}): expected {kind} after {intent.ExpectedCalls} attempt(s), got {outcome}");
            }
        }
        else
        {
            kind = intent.Scenario switch
            {
                LoadScenario.Binary => "binary download, exact bytes",
                LoadScenario.Malformed => "malformed body passed through, exact bytes",
                LoadScenario.BusyThenSuccess or LoadScenario.PostStreamBusyThenSuccess => "success after -1 retry",
                LoadScenario.MinuteQuotaThenSuccess => "success after 45011 wait",
                _ => "success, exact bytes",
            };
            if (outcome.Bytes is null || !outcome.Bytes.AsSpan().SequenceEqual(intent.SuccessBody))
            {
                failures.Enqueue($"id {id} ({intent.Scenario}): expected the server's {intent.SuccessBody!.Length} bytes, got {outcome}");
            }
        }

        outcomes.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    private static string Figures(int requests, int concurrency, LoadServer server, long serverCalls, SecretProbe probe, ConcurrentDictionary<string, int> outcomes, long[] latencies, long[] memory, TimeSpan elapsed, int unobserved)
    {
        var sorted = latencies.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"WeChatErrors load run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"requests:           {requests:N0} calls by {concurrency} concurrent callers in {Rounds} rounds ({requests / elapsed.TotalSeconds:N0} calls/s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"server requests:    {serverCalls:N0} (= calls + retries; none lost, none extra)");
        text.AppendLine(CultureInfo.InvariantCulture, $"retries:            {probe.RetryMeasurements:N0} (wechat.client.retries), error responses: {probe.ErrorMeasurements:N0} (wechat.client.errors)");
        text.AppendLine("outcomes:");
        foreach (var (kind, count) in outcomes.OrderByDescending(o => o.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {count,8:N0}  {kind}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"latency per call:   p50 {Percentile(0.50):N2} ms, p99 {Percentile(0.99):N2} ms, max {sorted[^1]:N2} ms (retries included)");
        text.AppendLine(CultureInfo.InvariantCulture, $"memory after round: {string.Join(" | ", memory.Select(m => $"{m / 1024.0 / 1024.0:N1} MB"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"duration:           {elapsed.TotalSeconds:N1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"unobserved task exceptions: {unobserved}");
        text.AppendLine(CultureInfo.InvariantCulture, $"secrets scanned:    {probe.TextsScanned:N0} texts ({probe.LogLines:N0} log lines, {probe.Exceptions:N0} exceptions, {probe.Measurements:N0} metric measurements, {probe.Activities:N0} activities); secrets found: {probe.HitCount}");
        return text.ToString();
    }

    private static void WriteFiguresFile(string figures)
    {
        var directory = Path.Combine(TestRepository.Root, "tests", "WeChatErrors.Tests", "TestResults");
        Directory.CreateDirectory(directory);
        // The other builds' runs (tests/WeChatErrors.Tests.Builds) keep their own figures beside these.
        var name = TestedBuild.Expected == "net10.0" ? "load-figures.txt" : $"load-figures-{TestedBuild.Expected}.txt";
        File.WriteAllText(Path.Combine(directory, name), figures);
    }

    private sealed record CallOutcome(byte[]? Bytes, Exception? Exception)
    {
        public static CallOutcome Body(byte[] bytes) => new(bytes, null);

        public static CallOutcome Thrown(Exception exception) => new(null, exception);

        public override string ToString() => Exception is { } ex
            ? $"{ex.GetType().Name} {(ex as WeChatApiException)?.RawErrorCode} attempts {(ex as WeChatApiException)?.Attempts}: {ex.Message}"
            : $"{Bytes!.Length} bytes: {Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 80))}";
    }
}

/// <summary>
/// A clock that always reads second 59.99 of a minute, so that a 45011 wait ("until the next minute") lasts 10 ms;
/// timers are real.
/// </summary>
internal sealed class AlmostNextMinuteTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 59, 990, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
