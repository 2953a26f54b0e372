using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Shared.Telemetry;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Shared.Telemetry;

/// <summary>The names dashboards and alerts depend on: the meter, its instruments and tags, the log event ids.</summary>
public sealed class WeChatErrorsTelemetryTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger _logger = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _services.Dispose();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Names_Exact()
    {
        Assert.Equal("WeChatErrors", WeChatErrorsTelemetry.MeterName);
        Assert.Equal("wechat.client.errors", WeChatErrorsTelemetry.ErrorsInstrumentName);
        Assert.Equal("wechat.client.retries", WeChatErrorsTelemetry.RetriesInstrumentName);
        Assert.Equal("wechat.errcode", WeChatErrorsTelemetry.ErrorCodeTag);
        Assert.Equal("wechat.error_kind", WeChatErrorsTelemetry.ErrorKindTag);
        Assert.Equal("wechat.rid", WeChatErrorsTelemetry.RequestIdTag);
    }

    [Fact]
    public void ErrorReceived_CountsOnWeChatClientErrors_WithCodeAndKind()
    {
        using var errors = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.errors");
        using var retries = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.retries");

        new WeChatErrorsTelemetry(_logger, Meters).ErrorReceived(Error(45009, _time));

        var measurement = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal(new Dictionary<string, object?> { ["wechat.errcode"] = 45009, ["wechat.error_kind"] = "DailyQuota" }, measurement.Tags);
        Assert.Equal("{error}", errors.Instrument?.Unit);
        Assert.Empty(retries.GetMeasurementSnapshot());
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void Retrying_CountsOnWeChatClientRetries_AndLogsEvent1()
    {
        using var retries = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.retries");

        new WeChatErrorsTelemetry(_logger, Meters).Retrying(Error(-1, _time), TimeSpan.FromMilliseconds(200));

        var measurement = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal(new Dictionary<string, object?> { ["wechat.errcode"] = -1, ["wechat.error_kind"] = "Transient" }, measurement.Tags);
        Assert.Equal("{retry}", retries.Instrument?.Unit);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(new EventId(1, "WeChatRetry"), record.Id);
        Assert.Equal(
            "WeChat errcode -1 (Transient) on attempt 1 of POST https://api.weixin.qq.com/cgi-bin/user/get (rid 6386b59a-1c2d3e4f-5a6b7c8d); sending again in 00:00:00.2000000",
            record.Message);
    }

    [Fact]
    public void Retrying_WithoutRid_SaysNone()
    {
        new WeChatErrorsTelemetry(_logger, Meters).Retrying(Error(-1, _time, errorMessage: "system error"), TimeSpan.FromMilliseconds(200));

        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains("cgi-bin/user/get (rid none); sending again", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenRefreshed_CountsAsARetry_AndLogsEvent4()
    {
        using var retries = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.retries");

        new WeChatErrorsTelemetry(_logger, Meters).TokenRefreshed(Error(40001, _time), "wx1");

        Assert.Equal(40001, Assert.Single(retries.GetMeasurementSnapshot()).Tags["wechat.errcode"]);
        Assert.Equal(new EventId(4, "WeChatTokenRefreshed"), Assert.Single(_logger.Collector.GetSnapshot()).Id);
    }

    [Theory]
    [InlineData(-1, 2, "WeChatError", LogLevel.Error)]
    [InlineData(45009, 2, "WeChatError", LogLevel.Error)]
    [InlineData(45011, 3, "WeChatErrorExpected", LogLevel.Warning)] // RateLimit
    [InlineData(43004, 3, "WeChatErrorExpected", LogLevel.Warning)] // RecipientState: the user did not follow
    [InlineData(20002, 3, "WeChatErrorExpected", LogLevel.Warning)] // NotFound: no such product
    [InlineData(40007, 2, "WeChatError", LogLevel.Error)] // InvalidRequest: invalid media_id
    public void Failed_LogsEvent2OrExpected3(long code, int id, string name, LogLevel level)
    {
        new WeChatErrorsTelemetry(_logger, Meters).Failed(Error(code, _time));

        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(new EventId(id, name), record.Id);
        Assert.Equal(level, record.Level);
    }

    [Fact]
    public void Failed_TagsTheCurrentActivity()
    {
        using var source = new ActivitySource(nameof(WeChatErrorsTelemetryTests));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("call");

        new WeChatErrorsTelemetry(_logger, Meters).Failed(Error(-1, _time));

        Assert.NotNull(activity);
        Assert.Equal(
            [new("wechat.errcode", -1), new("wechat.error_kind", "Transient"), new("wechat.rid", "6386b59a-1c2d3e4f-5a6b7c8d")],
            activity.TagObjects.ToArray());
    }

    [Theory]
    [InlineData(1, "WeChatRetry", LogLevel.Warning)]
    [InlineData(2, "WeChatError", LogLevel.Error)]
    [InlineData(3, "WeChatErrorExpected", LogLevel.Warning)]
    [InlineData(4, "WeChatTokenRefreshed", LogLevel.Warning)]
    [InlineData(5, "WeChatTokenFetched", LogLevel.Information)]
    [InlineData(6, "WeChatTokenCacheFailed", LogLevel.Warning)]
    [InlineData(7, "WeChatTokenCacheRestored", LogLevel.Information)]
    public void LogEvents_IdsNamesAndLevels(int id, string name, LogLevel level)
    {
        Action<ILogger> log = id switch
        {
            1 => l => WeChatErrorsLog.Retrying(l, WeChatProduct.WeChat, -1, WeChatErrorKind.Transient, 1, "GET", "u", "r", TimeSpan.Zero),
            2 => l => WeChatErrorsLog.Failed(l, WeChatProduct.WeChat, -1, WeChatErrorKind.Transient, 1, "GET", "u", "r", "m"),
            3 => l => WeChatErrorsLog.FailedExpected(l, WeChatProduct.WeChat, 45011, WeChatErrorKind.RateLimit, 1, "GET", "u", "r", "m"),
            4 => l => WeChatErrorsLog.TokenRefreshed(l, WeChatProduct.WeChat, 40001, WeChatErrorKind.AccessToken, 1, "GET", "u", "r", "wx1"),
            5 => l => WeChatErrorsLog.TokenFetched(l, "wx1", WeChatAccessTokenEndpoint.StableToken, TimeSpan.FromSeconds(7200)),
            6 => l => WeChatErrorsLog.TokenCacheFailed(l, "TimeoutException", "wx1", TimeSpan.FromSeconds(30)),
            _ => l => WeChatErrorsLog.TokenCacheRestored(l, "wx1"),
        };

        log(_logger);

        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(new EventId(id, name), record.Id);
        Assert.Equal(level, record.Level);
    }

    [Fact]
    public void TokenFetched_Message()
    {
        WeChatErrorsLog.TokenFetched(_logger, "wx1", WeChatAccessTokenEndpoint.StableToken, TimeSpan.FromSeconds(7200));

        Assert.Equal("Fetched a WeChat access token for wx1 from StableToken, valid for 02:00:00", _logger.LatestRecord.Message);
    }
}
