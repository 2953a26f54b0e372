using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// The credentials a caller puts in its URLs never show in what the library produces: log lines, exception messages,
/// <c>ToString()</c>, properties and <c>Data</c>, metric tags and activity tags; only allow-listed query values show.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FaultRun_ThroughDependencyInjection_ProducesNoSecretAnywhere()
    {
        using var probe = new SecretProbe();
        // WeChat may echo what it received: as URL pairs, as a compound name and a colon, or as JSON with quoted keys.
        // (A plain word before ": " is prose to the redactor by design, so "secret: X" is not used here.)
        var errmsgWithSecrets = $"invalid credential, access_token={probe.AccessToken} is invalid, refresh_token: {probe.RefreshToken}, {{\\\"secret\\\":\\\"{probe.AppSecret}\\\"}} code={probe.OAuthCode}";
        await using var server = new RawHttpServer(exchange =>
        {
            var path = exchange.RequestHead.Split(' ')[1].Split('?')[0];
            byte[] Json(string s) => Encoding.UTF8.GetBytes(s);
            return path switch
            {
                "/token" => exchange.WriteResponseAsync(Json("{\"errcode\":40001,\"errmsg\":\"" + errmsgWithSecrets + " rid: 1a-2b-3c\"}"), "text/plain", chunked: false),
                "/busy" => exchange.WriteResponseAsync(Json("{\"errcode\":-1,\"errmsg\":\"system error rid: 1a-2b-3d\"}"), "application/json", chunked: true),
                "/minute" => exchange.WriteResponseAsync(Json("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}"), "application/json", chunked: false),
                "/daily" => exchange.WriteResponseAsync(Json("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"), "application/json", chunked: false),
                "/huge" => exchange.WriteResponseAsync(Json("{\"errcode\":99999999999999999999,\"errmsg\":\"beyond\"}"), "application/json", chunked: true),
                "/dup" => exchange.WriteResponseAsync(Json("{\"errcode\":0,\"errcode\":\"48001\",\"errmsg\":\"api unauthorized\"}"), "application/json", chunked: false),
                "/truncated" => exchange.WriteResponseAsync(Json("{\"errcode\":40001,\"errmsg\":\"inv"), "application/json", chunked: false),
                "/reset" => ResetAsync(exchange),
                "/slow" => exchange.HangAsync(),
                _ => exchange.WriteResponseAsync(Json("{\"errcode\":0,\"errmsg\":\"ok\"}"), "application/json", chunked: false),
            };
        });

        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddSingleton<TimeProvider>(new AlmostNextMinuteTimeProvider());
        services.AddHttpClient("wechat", c =>
            {
                c.BaseAddress = server.BaseAddress;
                c.Timeout = TimeSpan.FromSeconds(2);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
            .AddWeChatErrorHandling(o =>
            {
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Retry.RateLimitJitter = TimeSpan.Zero;
            });
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<IMeterFactory>();
        using var errors = new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.errors");
        using var retries = new MetricCollector<long>(meters, "WeChatErrors", "wechat.client.retries");
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");
        using var source = new ActivitySource("WeChatErrors.SecretTest");

        var paths = new[] { "token", "busy", "minute", "daily", "huge", "dup", "truncated", "reset", "slow", "ok" };
        var exceptions = new List<Exception>();
        foreach (var path in paths)
        {
            foreach (var query in new[] { probe.SecretQuery, $"refresh_token={probe.RefreshToken}&access_token={probe.AccessToken}", $"acc%65ss_token={probe.AccessToken}&Secret={probe.AppSecret}&CODE={probe.OAuthCode}" })
            {
                using var activity = source.StartActivity("call " + path);
                try
                {
                    using var response = await client.GetAsync($"{path}?{query}");
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (Exception ex)
                {
                    exceptions.Add(ex);
                    probe.ScanException(ex);
                }
            }
        }

        var logs = provider.GetFakeLogCollector().GetSnapshot().ToList();
        foreach (var record in logs)
        {
            probe.Scan(record.Message, $"log {record.Category}/{record.Id.Name}");
            probe.Scan(record.Exception?.ToString(), $"log exception {record.Category}");
            foreach (var pair in record.StructuredState ?? [])
            {
                probe.Scan($"{pair.Key}={pair.Value}", $"log state {record.Category}");
            }
        }

        foreach (var measurement in errors.GetMeasurementSnapshot().Concat(retries.GetMeasurementSnapshot()))
        {
            foreach (var tag in measurement.Tags)
            {
                probe.Scan($"{tag.Key}={tag.Value}", "metric collector");
            }
        }

        output.WriteLine($"{exceptions.Count} exceptions, {logs.Count} log records, {probe.Activities} activities, {probe.Measurements} measurements; {probe.TextsScanned} texts scanned, {probe.RedactedSeen} with REDACTED; secrets found: {probe.HitCount}");
        foreach (var ex in exceptions.Where(e => e is WeChatApiException).Take(3))
        {
            output.WriteLine(ex.Message);
        }

        Assert.True(probe.HitCount == 0, "secrets found:\n" + string.Join("\n", probe.Hits.Take(10)));
        Assert.Contains(exceptions, e => e is WeChatAccessTokenException);
        Assert.Contains(exceptions, e => e is WeChatSystemBusyException { Attempts: 4 });
        Assert.Contains(exceptions, e => e is WeChatRateLimitException);
        Assert.Contains(exceptions, e => e is WeChatQuotaExceededException);
        Assert.Contains(exceptions, e => e is WeChatPermissionException);
        Assert.Contains(exceptions, e => e is HttpRequestException);
        Assert.Contains(exceptions, e => e is TaskCanceledException);
        Assert.Contains(logs, r => r.Message.Contains("REDACTED", StringComparison.Ordinal));
        Assert.All(exceptions.OfType<WeChatApiException>(), e => Assert.Contains("REDACTED", e.RequestUri, StringComparison.Ordinal));
        Assert.NotEmpty(retries.GetMeasurementSnapshot());
        Assert.True(probe.Activities > 0);
    }

    [Fact]
    public async Task LoggedQueryParameters_AllowList_ShowsOnlyHarmlessValues_EndToEnd()
    {
        var body = Encoding.UTF8.GetBytes("{\"errcode\":46004,\"errmsg\":\"user not exist\"}");
        await using var server = RawHttpServer.Answering(body);
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddHttpClient("wechat", c => c.BaseAddress = server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
            .AddWeChatErrorHandling(o =>
            {
                o.LoggedQueryParameters.Add("openid");
                o.LoggedQueryParameters.Add("access_token");
                o.LoggedQueryParameters.Remove("lang");
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

        var ex = await Assert.ThrowsAsync<WeChatNotFoundException>(() => client.GetAsync(
            "cgi-bin/user/info?access_token=TOKEN_NOT_SHOWN&openid=o6_VISIBLE&next_openid=o6_HIDDEN&appid=wxVISIBLE&lang=zh_CN&media_id=MEDIA_HIDDEN&secret=SECRET_NOT_SHOWN&my_secret=MINE"));

        var expected = "cgi-bin/user/info?access_token=REDACTED&openid=o6_VISIBLE&next_openid=REDACTED&appid=wxVISIBLE&lang=REDACTED&media_id=REDACTED&secret=REDACTED&my_secret=REDACTED";
        Assert.EndsWith(expected, ex.RequestUri, StringComparison.Ordinal);
        var log = Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), r => r.Category == "WeChatErrors.WeChatErrorHandler");
        Assert.Contains(expected, log.Message, StringComparison.Ordinal);
        foreach (var text in new[] { ex.Message, ex.ToString(), log.Message })
        {
            foreach (var hidden in new[] { "TOKEN_NOT_SHOWN", "o6_HIDDEN", "zh_CN", "MEDIA_HIDDEN", "SECRET_NOT_SHOWN", "MINE" })
            {
                Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task LoggedQueryParameters_Empty_RedactsEveryValue()
    {
        await using var server = RawHttpServer.Answering(Encoding.UTF8.GetBytes("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}"));
        var handlerOptions = new WeChatErrorHandlingOptions();
        handlerOptions.LoggedQueryParameters.Clear();
        using var client = new HttpClient(new WeChatErrorHandler(handlerOptions) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = server.BaseAddress };

        var ex = await Assert.ThrowsAsync<WeChatConfigurationException>(() => client.GetAsync("cgi-bin/token?grant_type=client_credential&appid=wxAPP&secret=S"));

        Assert.EndsWith("cgi-bin/token?grant_type=REDACTED&appid=REDACTED&secret=REDACTED", ex.RequestUri, StringComparison.Ordinal);
    }

    private static Task ResetAsync(RawExchange exchange)
    {
        exchange.Reset();
        return Task.CompletedTask;
    }
}
