using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// Made-up credentials a test sends, and a scanner for every text the library produces from them: log lines, exception
/// messages, <c>ToString()</c>, properties and <c>Data</c>, metric tags and activity tags. Streams: nothing is stored but
/// counts and the first few hits, so it can watch a long load run without growing.
/// </summary>
internal sealed class SecretProbe : IDisposable
{
    private readonly ConcurrentQueue<string> _hits = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private long _texts;
    private long _logLines;
    private long _exceptions;
    private long _measurements;
    private long _activities;
    private long _redactedSeen;
    private long _retryMeasurements;
    private long _errorMeasurements;
    private int _disposed;

    public SecretProbe()
    {
        var id = Guid.NewGuid().ToString("N");
        AccessToken = "LOADTEST_TOKEN_" + id;
        AppSecret = "LOADTEST_APPSECRET_" + id;
        OAuthCode = "LOADTEST_OAUTHCODE_" + id;
        RefreshToken = "LOADTEST_REFRESH_" + id;
        Secrets = [AccessToken, AppSecret, OAuthCode, RefreshToken, id];

        _activityListener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnActivityStopped,
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meterListener.SetMeasurementEventCallback<long>((i, _, tags, _) => OnMeasurement(i, tags));
        _meterListener.SetMeasurementEventCallback<int>((i, _, tags, _) => OnMeasurement(i, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, _, tags, _) => OnMeasurement(i, tags));
        _meterListener.Start();
    }

    public string AccessToken { get; }

    public string AppSecret { get; }

    public string OAuthCode { get; }

    public string RefreshToken { get; }

    /// <summary>Gets every value that must never show (the four credentials and the id they share).</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>Gets a query string carrying all four credentials, plus allowed parameters.</summary>
    public string SecretQuery => $"access_token={AccessToken}&appid=wxLOADTEST&secret={AppSecret}&code={OAuthCode}&refresh_token={RefreshToken}&grant_type=refresh_token";

    public long TextsScanned => Interlocked.Read(ref _texts);

    public long LogLines => Interlocked.Read(ref _logLines);

    public long Exceptions => Interlocked.Read(ref _exceptions);

    public long Measurements => Interlocked.Read(ref _measurements);

    public long Activities => Interlocked.Read(ref _activities);

    public long RedactedSeen => Interlocked.Read(ref _redactedSeen);

    /// <summary>Gets the sum of <c>wechat.client.retries</c> measurements.</summary>
    public long RetryMeasurements => Interlocked.Read(ref _retryMeasurements);

    /// <summary>Gets the sum of <c>wechat.client.errors</c> measurements.</summary>
    public long ErrorMeasurements => Interlocked.Read(ref _errorMeasurements);

    public int HitCount => _hits.Count;

    public IReadOnlyCollection<string> Hits => _hits.ToArray();

    public ILoggerProvider LoggerProvider => new ScanningLoggerProvider(this);

    public void Scan(string? text, string where)
    {
        if (text is null)
        {
            return;
        }

        Interlocked.Increment(ref _texts);
        if (text.Contains("REDACTED", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _redactedSeen);
        }

        foreach (var secret in Secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                if (_hits.Count < 20)
                {
                    _hits.Enqueue($"{where}: {text}");
                }
                else
                {
                    _hits.Enqueue(where);
                }
            }
        }
    }

    /// <summary>Scans an exception's message, <c>ToString()</c>, public properties and <c>Data</c>, and its inner exceptions.</summary>
    public void ScanException(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 10; depth++, exception = exception.InnerException)
        {
            Interlocked.Increment(ref _exceptions);
            var type = exception.GetType().Name;
            Scan(exception.Message, type + ".Message");
            Scan(exception.ToString(), type + ".ToString()");
            foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.Name is nameof(Exception.TargetSite) or nameof(Exception.InnerException))
                {
                    continue;
                }

                object? value;
                try
                {
                    value = property.GetValue(exception);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }

                Scan(value?.ToString(), $"{type}.{property.Name}");
            }

            foreach (DictionaryEntry entry in exception.Data)
            {
                Scan($"{entry.Key}={entry.Value}", type + ".Data");
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _activityListener.Dispose();
            _meterListener.Dispose();
        }
    }

    private void OnMeasurement(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _measurements);
        if (instrument.Meter.Name == "WeChatErrors")
        {
            if (instrument.Name == "wechat.client.retries")
            {
                Interlocked.Increment(ref _retryMeasurements);
            }
            else if (instrument.Name == "wechat.client.errors")
            {
                Interlocked.Increment(ref _errorMeasurements);
            }
        }

        foreach (var tag in tags)
        {
            Scan($"{tag.Key}={tag.Value}", $"metric {instrument.Meter.Name}/{instrument.Name}");
        }
    }

    private void OnActivityStopped(Activity activity)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _activities);
        var where = $"activity {activity.Source.Name}/{activity.OperationName}";
        Scan(activity.DisplayName, where);
        Scan(activity.StatusDescription, where);
        foreach (var tag in activity.TagObjects)
        {
            Scan($"{tag.Key}={tag.Value}", where + " tag");
        }

        foreach (var item in activity.Baggage)
        {
            Scan($"{item.Key}={item.Value}", where + " baggage");
        }

        foreach (var e in activity.Events)
        {
            Scan(e.Name, where + " event");
            foreach (var tag in e.Tags)
            {
                Scan($"{tag.Key}={tag.Value}", where + " event tag");
            }
        }
    }

    private sealed class ScanningLoggerProvider(SecretProbe probe) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ScanningLogger(probe, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ScanningLogger(SecretProbe probe, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (FactoryUrlLogs.IsPassedBy(category))
            {
                return;
            }

            Interlocked.Increment(ref probe._logLines);
            var where = $"log {category}/{eventId.Name}";
            probe.Scan(formatter(state, exception), where);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var value in values)
                {
                    probe.Scan($"{value.Key}={value.Value}", where + " state");
                }
            }

            probe.ScanException(exception);
        }
    }
}
