using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>Every text the library wrote where a secret could leak: log lines, an exception, metric tags, activity tags.</summary>
internal static class SecretTexts
{
    /// <summary>Asserts that no secret appears in any of the texts, as it is or URL-escaped, and that there were texts to scan.</summary>
    public static void AssertNone(IEnumerable<string> secrets, FakeLogCollector logs, Exception? exception, IEnumerable<MetricCollector<long>> metrics, IEnumerable<Activity> activities)
    {
        var texts = new List<string>();
        foreach (var record in logs.GetSnapshot())
        {
            texts.Add(record.Message);
            texts.AddRange(record.StructuredState?.Select(p => p.Value ?? string.Empty) ?? []);
            texts.Add(record.Exception?.ToString() ?? string.Empty);
        }

        if (exception is not null)
        {
            texts.Add(exception.ToString());
            texts.AddRange(exception.Data.Values.Cast<object?>().Select(v => v?.ToString() ?? string.Empty));
            if (exception is WeChatApiException api)
            {
                texts.Add(api.RequestUri ?? string.Empty);
                texts.Add(api.ErrorMessage ?? string.Empty);
            }
        }

        texts.AddRange(metrics.SelectMany(m => m.GetMeasurementSnapshot()).SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? string.Empty));
        texts.AddRange(activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty));

        Assert.NotEmpty(texts);
        // A secret in a URL is escaped there (a ticket's '/' is %2F, a token's '+' is %2B): look for that form too.
        var all = secrets.SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var text in texts)
        {
            foreach (var secret in all)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
