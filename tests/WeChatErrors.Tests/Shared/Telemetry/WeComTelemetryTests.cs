using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Shared.Telemetry;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Shared.Telemetry;

/// <summary>A WeCom error is told apart in every signal: a product tag on metrics and traces, "WeCom" in the log line.</summary>
public sealed class WeComTelemetryTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger _logger = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _services.Dispose();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Names_Exact()
    {
        Assert.Equal("wechat.product", WeChatErrorsTelemetry.ProductTag);
        Assert.Equal("wecom", WeChatErrorsTelemetry.WeComProductValue);
    }

    [Fact]
    public void ErrorReceived_WeCom_AddsTheProductTag()
    {
        using var errors = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.errors");
        var telemetry = new WeChatErrorsTelemetry(_logger, Meters);

        telemetry.ErrorReceived(WeComError(40001, _time));
        telemetry.ErrorReceived(Error(40001, _time));

        var measurements = errors.GetMeasurementSnapshot();
        Assert.Equal(
            new Dictionary<string, object?> { ["wechat.errcode"] = 40001, ["wechat.error_kind"] = "Configuration", ["wechat.product"] = "wecom" },
            measurements[0].Tags);
        Assert.Equal(new Dictionary<string, object?> { ["wechat.errcode"] = 40001, ["wechat.error_kind"] = "AccessToken" }, measurements[1].Tags);
    }

    [Fact]
    public void Retrying_WeCom_CountsWithTheProductTag_AndLogsWeCom()
    {
        using var retries = new MetricCollector<long>(Meters, "WeChatErrors", "wechat.client.retries");

        new WeChatErrorsTelemetry(_logger, Meters).Retrying(WeComError(-1, _time), TimeSpan.FromMilliseconds(200));

        Assert.Equal("wecom", Assert.Single(retries.GetMeasurementSnapshot()).Tags["wechat.product"]);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(
            "WeCom errcode -1 (Transient) on attempt 1 of POST https://qyapi.weixin.qq.com/cgi-bin/user/get (rid 1700000000_92_5c0b3a); sending again in 00:00:00.2000000",
            record.Message);
    }

    [Fact]
    public void Failed_WeCom_TagsTheActivityWithTheProduct()
    {
        using var source = new ActivitySource(nameof(WeComTelemetryTests));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("call");

        new WeChatErrorsTelemetry(_logger, Meters).Failed(WeComError(45009, _time));

        Assert.NotNull(activity);
        Assert.Equal(
            [new("wechat.errcode", 45009), new("wechat.error_kind", "RateLimit"), new("wechat.product", "wecom"), new("wechat.rid", "1700000000_92_5c0b3a")],
            activity.TagObjects.ToArray());
        Assert.StartsWith("WeCom errcode 45009 (RateLimit) after 1 attempt(s)", _logger.LatestRecord.Message, StringComparison.Ordinal);
    }
}
