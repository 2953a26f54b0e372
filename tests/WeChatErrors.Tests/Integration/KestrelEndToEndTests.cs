using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Integration;

/// <summary>The handler registered with DI, against the fake WeChat server on a real Kestrel socket.</summary>
public sealed class KestrelEndToEndTests : IAsyncLifetime
{
    private const string Token = "E2E_SECRET_TOKEN_93af";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 30, 40, TimeSpan.Zero));
    private TimerCountingTimeProvider _clock = null!;
    private FakeWeChatServer _server = null!;
    private ServiceProvider _provider = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFakeLogging();
        _clock = new TimerCountingTimeProvider(_time);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddHttpClient("wechat", c => c.BaseAddress = _server.BaseAddress).AddWeChatErrorHandling(o => o.Retry.RateLimitJitter = TimeSpan.Zero);
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SystemBusyOnce_IsRetriedEndToEnd_AndCountedInMetricsAndLogs()
    {
        using var errors = new MetricCollector<long>(_provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "WeChatErrors", "wechat.client.errors");
        using var retries = new MetricCollector<long>(_provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "WeChatErrors", "wechat.client.retries");

        var pending = _client.GetAsync($"{FakeWeChatScenarios.BusyOnce}?access_token={Token}");
        await _clock.WaitForTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(2, _server.CallsTo(FakeWeChatScenarios.BusyOnce));
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(-1, error.Tags["wechat.errcode"]);
        Assert.Equal("Transient", error.Tags["wechat.error_kind"]);
        Assert.Single(retries.GetMeasurementSnapshot());
        var log = Assert.Single(_provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Equal("WeChatRetry", log.Id.Name);
        Assert.Contains(FakeWeChatScenarios.Rid, log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinuteQuotaOnce_WaitsForTheNextMinuteOnTheInjectedClock()
    {
        // The clock stands at 08:30:40: the retry must come when it reaches 08:31:00, not before.
        var pending = _client.GetAsync($"{FakeWeChatScenarios.MinuteQuotaOnce}?access_token={Token}");
        await WaitForAsync(() => _server.CallsTo(FakeWeChatScenarios.MinuteQuotaOnce) == 1);
        var advanced = TimeSpan.Zero;
        while (_server.CallsTo(FakeWeChatScenarios.MinuteQuotaOnce) == 1 && advanced < TimeSpan.FromMinutes(2))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.Delay(10);
        }

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _server.CallsTo(FakeWeChatScenarios.MinuteQuotaOnce));
        Assert.InRange(advanced, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(25));
    }

    [Fact]
    public async Task DailyQuota_FailsOnce_LoggedAsErrorAndTaggedOnTheActivity()
    {
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == "test", Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        using var activity = source.StartActivity("call");

        var ex = await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => _client.GetAsync($"{FakeWeChatScenarios.DailyQuota}?access_token={Token}"));

        Assert.Equal(1, _server.CallsTo(FakeWeChatScenarios.DailyQuota));
        Assert.Equal(45009, activity!.GetTagItem("wechat.errcode"));
        Assert.Equal(FakeWeChatScenarios.Rid, activity.GetTagItem("wechat.rid"));
        var log = Assert.Single(_provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 2);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.DoesNotContain(Token, log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryDownload_ArrivesByteForByte()
    {
        using var response = await _client.GetAsync($"{FakeWeChatScenarios.MediaDownload}?access_token={Token}&media_id=M");

        Assert.Equal(FakeWeChatScenarios.Jpeg, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
