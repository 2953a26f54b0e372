using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.Http;

/// <summary>Edge cases of a call through the whole registration: budgets, cancellation after an error, recovery once, sync threads.</summary>

public sealed class WeChatErrorHandlerEdgeCaseTests
{
    private const string Busy = "{\"errcode\":-1,\"errmsg\":\"system error\"}";
    private const string Minute = "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}";
    private const string Stale = "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}";
    private const string Ok = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    private static readonly AsyncLocal<CancellationTokenSource?> CancelOnError = new();

    public static TheoryData<bool> Modes => new(SyncSend.Modes);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task MixedErrors_EachBudgetHoldsOnItsOwn(bool sync)
    {
        // Three retries after -1 and one after 45011, whatever their order: five sends in all.
        using var rig = new Rig(null, Busy, Busy, Minute, Busy, Busy, Busy, Busy, Busy);
        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => rig.Send("cgi-bin/user/get", sync));
        Check("calls=5 attempts=5", $"calls={rig.Server.Calls} attempts={ex.Attempts}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task StaleToken_ThenBusy_FreshRound(bool sync)
    {
        using var rig = new Rig("wx1", Stale, Busy, Busy, Busy, Busy, Busy);
        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => rig.Send("cgi-bin/user/get", sync));
        Check("calls=5 attempts=5 type=WeChatSystemBusyException failedLogs=1", $"calls={rig.Server.Calls} attempts={ex.Attempts} type={ex.GetType().Name} failedLogs={rig.Count(2)}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CancelledRightAfterAnError_CallerGetsTheWeChatError(bool sync)
    {
        using var rig = new Rig(null, Busy, Ok);
        using var cts = new CancellationTokenSource();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "wechat.client.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => CancelOnError.Value?.Cancel());
        listener.Start();
        CancelOnError.Value = cts;
        var ex = await Record.ExceptionAsync(() => rig.Send("cgi-bin/user/get", sync, cts.Token));
        Check("type=WeChatSystemBusyException calls=1 failedLogs=1", $"type={ex?.GetType().Name} calls={rig.Server.Calls} failedLogs={rig.Count(2)}");
    }

    [SyncFact]
    public async Task SyncSend_TokenRecovery_ResendsOnTheCallersThread()
    {
        using var rig = new Rig("wx1", Stale, Ok);
        await rig.Send("cgi-bin/user/get", sync: true);
        Check("calls=2 threads=1", $"calls={rig.Server.Calls} threads={rig.Server.Threads.Distinct().Count()}");
    }

    [Fact]
    public async Task OuterResend_OfTheSameRequest_DoesNotRecoverTheTokenAgain()
    {
        using var rig = new Rig("wx1", outerResend: true, Stale);
        await Record.ExceptionAsync(() => rig.Send("cgi-bin/user/get", sync: false));
        Check("calls=3 invalidations=1", $"calls={rig.Server.Calls} invalidations={rig.Source.Invalidations}");
    }

    private static void Check(string expected, string actual) => Assert.Equal(expected, actual);

    private sealed class Rig : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly FakeLoggerProvider _logs = new();

        public Rig(string? appId, params string[] bodies)
            : this(appId, false, bodies)
        {
        }

        public Rig(string? appId, bool outerResend, params string[] bodies)
        {
            Server = new FakeServer(bodies);
            var services = new ServiceCollection();
            services.AddLogging(b => b.AddProvider(_logs));
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IWeChatAccessTokenSource>(Source);
            var builder = services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://api.weixin.qq.com/"));
            if (outerResend)
            {
                builder.AddHttpMessageHandler(() => new ResendOnce());
            }
            if (appId is not null)
            {
                builder.AddWeChatAccessToken(appId);
            }

            builder.AddWeChatErrorHandling(o => o.Retry.UseJitter = false).ConfigurePrimaryHttpMessageHandler(() => Server);
            _provider = services.BuildServiceProvider();
            Client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero));

        public FakeServer Server { get; }

        public Source Source { get; } = new();

        public HttpClient Client { get; }

        public int Count(int eventId) => _logs.Collector.GetSnapshot().Count(r => r.Id.Id == eventId);

        public async Task Send(string path, bool sync, CancellationToken token = default)
        {
            var pending = Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (sync)
                {
                    Client.Send(request, token).Dispose();
                    return;
                }

                (await Client.SendAsync(request, token)).Dispose();
            });
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!pending.IsCompleted && DateTime.UtcNow < deadline)
            {
                Time.Advance(TimeSpan.FromSeconds(5));
                await Task.Yield();
            }

            try
            {
                await pending;
            }
            catch (AggregateException ae) when (ae.InnerException is not null)
            {
                throw ae.InnerException;
            }
        }

        public void Dispose() => _provider.Dispose();
    }

    private sealed class ResendOnce : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (WeChatApiException)
            {
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }

    internal sealed class Source : IWeChatAccessTokenSource
    {
        private int _n;

        public int Invalidations => Volatile.Read(ref _n);

        public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken) => new("T" + Volatile.Read(ref _n));

        public async ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _n);
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal sealed class FakeServer(string[] bodies) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Action? OnRespond { get; set; }

        public ConcurrentBag<int> Threads { get; } = new();

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Respond();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Respond());

        private HttpResponseMessage Respond()
        {
            var n = Interlocked.Increment(ref _calls);
            Threads.Add(Environment.CurrentManagedThreadId);
            var body = bodies[Math.Min(n - 1, bodies.Length - 1)];
            OnRespond?.Invoke();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
