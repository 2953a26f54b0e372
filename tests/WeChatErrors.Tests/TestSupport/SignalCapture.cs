using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// Captures what the library emits during a test: the activities of a source of the test's own, and the <c>WeChatErrors</c>
/// counters of each service provider it tracks; then scans them, the logs and an exception for secrets.
/// </summary>
internal sealed class SignalCapture : IDisposable
{
    private readonly List<Activity> _activities = [];
    private readonly List<MetricCollector<long>> _metrics = [];
    private readonly ActivityListener _listener;

    public SignalCapture(string sourceName)
    {
        Source = new ActivitySource(sourceName);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s == Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_activities) { _activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets the source the test starts its activities from.</summary>
    public ActivitySource Source { get; }

    /// <summary>Gets the <c>wechat.client.retries</c> counter of the last provider tracked.</summary>
    public MetricCollector<long> Retries => _metrics[^1];

    /// <summary>Starts collecting the errors and retries counters of <paramref name="provider"/>.</summary>
    public void Track(ServiceProvider provider)
    {
        var meters = provider.GetRequiredService<IMeterFactory>();
        _metrics.Add(new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.errors"));
        _metrics.Add(new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.retries"));
    }

    /// <summary>Asserts that no secret appears in the provider's log lines, the exception, the counters' tags or the activities' tags.</summary>
    public void AssertNoSecrets(IEnumerable<string> secrets, ServiceProvider provider, Exception? exception)
    {
        Activity[] activities;
        lock (_activities)
        {
            activities = _activities.ToArray();
        }

        SecretTexts.AssertNone(secrets, provider.GetFakeLogCollector(), exception, _metrics, activities);
    }

    public void Dispose()
    {
        _metrics.ForEach(m => m.Dispose());
        _listener.Dispose();
        Source.Dispose();
    }
}
