using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace WeChatErrors.Tests.Integration;

/// <summary>
/// The OpenTelemetry SDK with its HttpClient instrumentation and the in-memory exporters, as an application wires it: no span
/// attribute or event, metric tag or log record of a WeChat call holds a secret, on a real socket, for the caller's own token,
/// supplied and recovered tokens, and both token endpoints (the <c>secret</c> of <c>cgi-bin/token</c> travels in its URL).
/// </summary>
public sealed class OpenTelemetryRedactionTests : IAsyncLifetime
{
    private const string StableApp = "wxotelstable00001";
    private const string CredentialApp = "wxotelcredential1";
    private const string StableSecret = "OTEL_STABLE_SECRET_3c1d";
    private const string CredentialSecret = "OTEL_CREDENTIAL_SECRET_8e2a";
    private const string CallerToken = "OTEL_CALLER_TOKEN_5f9b";

    private static readonly ActivitySource Source = new(nameof(OpenTelemetryRedactionTests));

    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<LogRecord> _logs = [];
    private FakeWeChatServer _server = null!;
    private FakeTokenIssuer _tokens = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _tokens = _server.IssueTokens().AddApp(StableApp, StableSecret).AddApp(CredentialApp, CredentialSecret);
        _server.Script(FakeWeChatScenarios.Followers, FakeResponse.Error(-1, "system error"), FakeResponse.Json(FakeWeChatScenarios.FollowersJson));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoSecretInSpansMetricsOrLogs()
    {
        await using (var provider = Build())
        {
            var tracer = provider.GetRequiredService<TracerProvider>();
            var meter = provider.GetRequiredService<MeterProvider>();
            var factory = provider.GetRequiredService<IHttpClientFactory>();

            (await factory.CreateClient("caller").GetAsync($"{FakeWeChatScenarios.Followers}?access_token={CallerToken}&next_openid=")).Dispose();
            (await factory.CreateClient("stable").GetAsync(FakeWeChatScenarios.TokenChecked)).Dispose();
            (await factory.CreateClient("credential").GetAsync(FakeWeChatScenarios.TokenChecked)).Dispose();
            _tokens.Rotate(StableApp);
            (await factory.CreateClient("stable").GetAsync(FakeWeChatScenarios.TokenChecked)).Dispose();
            using (Source.StartActivity("call"))
            {
                // The handler tags the caller's activity with the WeChat error.
                await Assert.ThrowsAsync<WeChatIpNotWhitelistedException>(() => factory.CreateClient("stable").GetAsync(FakeWeChatScenarios.IpNotWhitelisted));
            }

            tracer.ForceFlush();
            meter.ForceFlush();
        }

        var secrets = _tokens.IssuedTokens.Concat([StableSecret, CredentialSecret, CallerToken]).ToArray();
        Assert.True(secrets.Length >= 6, "tokens were issued and supplied");
        var texts = SpanTexts().Concat(MetricTexts()).Concat(LogTexts()).ToList();
        Assert.All(texts, text => Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal)));

        // What is there: a client span per attempt with its URL, the token fetches among them, the WeChat error's tags, the metrics.
        var urls = _spans.Select(s => s.GetTagItem("url.full") as string).OfType<string>().ToList();
        Assert.Contains(urls, u => u.Contains("/" + FakeWeChatScenarios.ClientCredentialToken + "?", StringComparison.Ordinal));
        Assert.True(urls.Count(u => u.Contains("/" + FakeWeChatScenarios.TokenChecked, StringComparison.Ordinal)) >= 4, string.Join("\n", urls));
        Assert.Contains(_spans, s => s.GetTagItem("wechat.errcode") is 40164);
        Assert.Contains(_metrics, m => m.Name == "http.client.request.duration");
        Assert.Contains(_metrics, m => m.Name == "wechat.client.retries");
        Assert.Contains(_logs, l => l.CategoryName?.StartsWith("System.Net.Http.HttpClient.stable.", StringComparison.Ordinal) == true);
        Assert.Contains(_logs, l => l.EventId.Name == "WeChatTokenRefreshed");
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            o.ParseStateValues = true;
            o.AddInMemoryExporter(_logs);
        }));
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddHttpClientInstrumentation().AddSource(nameof(OpenTelemetryRedactionTests)).AddInMemoryExporter(_spans))
            .WithMetrics(m => m.AddHttpClientInstrumentation().AddMeter("WeChatErrors").AddInMemoryExporter(_metrics));
        services.AddWeChatAccessTokens(StableApp, o => { o.AppSecret = StableSecret; o.BaseAddress = _server.BaseAddress; });
        services.AddWeChatAccessTokens(CredentialApp, o =>
        {
            o.AppSecret = CredentialSecret;
            o.BaseAddress = _server.BaseAddress;
            o.Endpoint = WeChatAccessTokenEndpoint.ClientCredential;
        });
        services.AddHttpClient("caller", c => c.BaseAddress = _server.BaseAddress).AddWeChatErrorHandling(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1));
        services.AddHttpClient("stable", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(StableApp).AddWeChatErrorHandling();
        services.AddHttpClient("credential", c => c.BaseAddress = _server.BaseAddress).AddWeChatAccessToken(CredentialApp).AddWeChatErrorHandling();
        return services.BuildServiceProvider();
    }

    private IEnumerable<string> SpanTexts() => _spans.SelectMany(span =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
            .OfType<string>());

    private IEnumerable<string> MetricTexts() => _metrics.SelectMany(metric =>
        new[] { metric.Name + " " + metric.Description }
            .Concat(metric.MetricPoints.SelectMany(point => Tags(point).Select(tag => $"{metric.Name} {tag.Key}={tag.Value}"))));

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private IEnumerable<string> LogTexts()
    {
        foreach (var log in _logs)
        {
            var parts = new List<string?> { log.CategoryName, log.FormattedMessage, log.Body, log.Exception?.ToString() };
            parts.AddRange(log.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? []);
            log.ForEachScope(AddScope, parts);
            yield return string.Join("\n", parts.OfType<string>());
        }
    }

    private static void AddScope(LogRecordScope scope, List<string?> parts)
    {
        parts.Add(scope.Scope?.ToString());
        foreach (var item in scope)
        {
            parts.Add($"{item.Key}={item.Value}");
        }
    }
}
