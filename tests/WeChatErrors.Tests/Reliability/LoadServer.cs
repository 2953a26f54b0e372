using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.Tests.Reliability;

/// <summary>What the load server means by its answers to one request id.</summary>
internal enum LoadScenario
{
    /// <summary>A JSON success body with <c>"errcode":0</c>, sent with a Content-Length.</summary>
    Success,

    /// <summary>A JSON success body without errcode, sent chunked (no Content-Length).</summary>
    SuccessChunked,

    /// <summary><c>-1</c> once, then success.</summary>
    BusyThenSuccess,

    /// <summary><c>-1</c> on every attempt: the caller gets <see cref="WeChatSystemBusyException"/> after all retries.</summary>
    BusyAlways,

    /// <summary><c>45011</c> once, then success.</summary>
    MinuteQuotaThenSuccess,

    /// <summary><c>45011</c> on every attempt.</summary>
    MinuteQuotaAlways,

    /// <summary><c>45009</c>: never retried.</summary>
    DailyQuota,

    /// <summary><c>40001</c>: never retried.</summary>
    InvalidToken,

    /// <summary><c>"errcode":"40001"</c>, chunked.</summary>
    InvalidTokenAsStringChunked,

    /// <summary>An image; sometimes its bytes even spell a JSON error, which must not be read.</summary>
    Binary,

    /// <summary>A truncated, malformed or not-UTF-8 error body: passes through untouched.</summary>
    Malformed,

    /// <summary>A POST whose body is a non-seekable stream: <c>-1</c> once, then success; both attempts must carry the same bytes.</summary>
    PostStreamBusyThenSuccess,
}

/// <summary>What the server meant for one request id, and how often it was called.</summary>
internal sealed class LoadIntent
{
    private int _calls;
    private int _bodyMismatches;
    private byte[]? _firstRequestBody;

    public LoadIntent(long id, LoadScenario scenario)
    {
        Id = id;
        Scenario = scenario;
        (ExceptionType, ErrorCode, ExpectedCalls) = scenario switch
        {
            LoadScenario.BusyAlways => (typeof(WeChatSystemBusyException), -1L, 1 + LoadPlan.MaxRetryAttempts),
            LoadScenario.MinuteQuotaAlways => (typeof(WeChatRateLimitException), 45011L, 1 + LoadPlan.MaxRateLimitRetryAttempts),
            LoadScenario.DailyQuota => (typeof(WeChatQuotaExceededException), 45009L, 1),
            LoadScenario.InvalidToken or LoadScenario.InvalidTokenAsStringChunked => (typeof(WeChatAccessTokenException), 40001L, 1),
            LoadScenario.BusyThenSuccess or LoadScenario.MinuteQuotaThenSuccess or LoadScenario.PostStreamBusyThenSuccess => ((Type?)null, 0L, 2),
            _ => (null, 0L, 1),
        };
        SuccessBody = ExceptionType is null ? LoadPlan.SuccessBody(id, scenario) : null;
    }

    public long Id { get; }

    public LoadScenario Scenario { get; }

    /// <summary>Gets the exception the caller must see, or <see langword="null"/> when it must see <see cref="SuccessBody"/>.</summary>
    public Type? ExceptionType { get; }

    public long ErrorCode { get; }

    /// <summary>Gets the exact bytes the caller must read.</summary>
    public byte[]? SuccessBody { get; }

    public int ExpectedCalls { get; }

    public int Calls => Volatile.Read(ref _calls);

    public int BodyMismatches => Volatile.Read(ref _bodyMismatches);

    public int NextCall() => Interlocked.Increment(ref _calls);

    public void RecordRequestBody(byte[] body)
    {
        var first = Interlocked.CompareExchange(ref _firstRequestBody, body, null);
        if (first is not null && !first.AsSpan().SequenceEqual(body))
        {
            Interlocked.Increment(ref _bodyMismatches);
        }
    }
}

/// <summary>The deterministic mix of answers the load run asks for.</summary>
internal static class LoadPlan
{
    public const int MaxRetryAttempts = 3;
    public const int MaxRateLimitRetryAttempts = 1;

    // Weights per 100 requests.
    private static readonly (LoadScenario Scenario, int Weight)[] Mix =
    [
        (LoadScenario.Success, 28),
        (LoadScenario.SuccessChunked, 14),
        (LoadScenario.BusyThenSuccess, 8),
        (LoadScenario.BusyAlways, 2),
        (LoadScenario.MinuteQuotaThenSuccess, 5),
        (LoadScenario.MinuteQuotaAlways, 2),
        (LoadScenario.DailyQuota, 5),
        (LoadScenario.InvalidToken, 8),
        (LoadScenario.InvalidTokenAsStringChunked, 3),
        (LoadScenario.Binary, 10),
        (LoadScenario.Malformed, 10),
        (LoadScenario.PostStreamBusyThenSuccess, 5),
    ];

    public static LoadScenario ScenarioFor(long id)
    {
        var roll = (int)(Mix64(id) % 100);
        foreach (var (scenario, weight) in Mix)
        {
            if (roll < weight)
            {
                return scenario;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("weights do not add up to 100");
    }

    /// <summary>Whether the client sends this id with the synchronous <c>HttpClient.Send</c>.</summary>
    public static bool UsesSyncSend(long id) => SyncSend.IsHandled && Mix64(id ^ 0x5bd1e995) % 50 == 0;

    public static byte[] RequestBody(long id) => Encoding.UTF8.GetBytes($"{{\"touser\":\"o6_{id}\",\"msgtype\":\"text\",\"text\":{{\"content\":\"{new string('x', (int)(id % 700))}\"}}}}");

    public static byte[] SuccessBody(long id, LoadScenario scenario)
    {
        var random = new Random(unchecked((int)Mix64(id)));
        switch (scenario)
        {
            case LoadScenario.Binary:
            {
                var bytes = new byte[256 + random.Next(32 * 1024)];
                random.NextBytes(bytes);
                if (id % 3 == 0)
                {
                    // An image whose bytes happen to read as a WeChat error: binary types are never read.
                    var fake = Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"not an error, an image\"}");
                    fake.CopyTo(bytes, 0);
                    return bytes.AsSpan(0, Math.Max(fake.Length, bytes.Length / 8)).ToArray();
                }

                bytes[0] = 0xFF;
                bytes[1] = 0xD8;
                return bytes;
            }

            case LoadScenario.Malformed:
                return (id % 4) switch
                {
                    0 => Encoding.UTF8.GetBytes("{\"errcode\":40001,\"errmsg\":\"invalid credential rid: " + id),
                    1 => Encoding.UTF8.GetBytes("{\"errcode\":40001,,\"errmsg\":\"x\"}"),
                    2 => [.. "{\"errcode\":45009,\"errmsg\":\""u8, 0xFF, 0xFE, 0xC0, .. "\"}"u8],
                    _ => Encoding.UTF8.GetBytes("{\"errcode\":40001.5,\"errmsg\":\"not an integer\"}"),
                };

            default:
            {
                var items = new StringBuilder();
                var count = random.Next(0, 60);
                for (var i = 0; i < count; i++)
                {
                    items.Append(i == 0 ? string.Empty : ",").Append("{\"openid\":\"o6_").Append(random.Next()).Append("\",\"errcode\":").Append(random.Next(-1, 50000)).Append('}');
                }

                return Encoding.UTF8.GetBytes(scenario == LoadScenario.SuccessChunked
                    ? $"{{\"total\":{count},\"data\":[{items}],\"id\":{id}}}"
                    : $"{{\"errcode\":0,\"errmsg\":\"ok\",\"id\":{id},\"items\":[{items}]}}");
            }
        }
    }

    public static byte[] ErrorBody(long code, long id, bool asString = false)
    {
        var message = code switch
        {
            -1 => "system error",
            45011 => "api minute-quota reach limit, must slower, retry next minute",
            45009 => "reach max api daily quota limit",
            _ => "invalid credential, access_token is invalid or not latest",
        };
        var value = asString ? $"\"{code}\"" : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($"{{\"errcode\":{value},\"errmsg\":\"{message} rid: 6{id:x7}-0a1b2c3d-4e5f6a7b\"}}");
    }

    private static ulong Mix64(long value)
    {
        // SplitMix64 finalizer: a fixed, well-spread function of the id.
        var z = unchecked((ulong)value + 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// A fake WeChat server for the load run on Kestrel, 127.0.0.1: answers <c>/load?id=N</c> as <see cref="LoadPlan"/> says,
/// records what it meant for each id and counts the calls per id.
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, LoadIntent> _intents = new();
    private long _requests;
    private long _unknown;

    private LoadServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the number of HTTP requests the server answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets the number of requests for ids the server cannot read.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    public IReadOnlyDictionary<long, LoadIntent> Intents => _intents;

    public static async Task<LoadServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new LoadServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Forgets the intents of a finished round, so that memory across rounds can be compared.</summary>
    public void ClearIntents() => _intents.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, byte[] body, string contentType, bool chunked)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        if (chunked)
        {
            // Headers go out first without a length: the body follows in chunks.
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            var half = body.Length / 2;
            await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!long.TryParse(context.Request.Query["id"], out var id))
        {
            Interlocked.Increment(ref _unknown);
            context.Response.StatusCode = 404;
            return;
        }

        var intent = _intents.GetOrAdd(id, static i => new LoadIntent(i, LoadPlan.ScenarioFor(i)));
        var call = intent.NextCall();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var received = new MemoryStream();
            await context.Request.Body.CopyToAsync(received, context.RequestAborted).ConfigureAwait(false);
            intent.RecordRequestBody(received.ToArray());
        }

        const string Json = "application/json; encoding=utf-8";
        const string Plain = "text/plain";
        var scenario = intent.Scenario;
        switch (scenario)
        {
            case LoadScenario.BusyThenSuccess or LoadScenario.PostStreamBusyThenSuccess when call == 1:
            case LoadScenario.BusyAlways:
                await WriteAsync(context, LoadPlan.ErrorBody(-1, id), Json, chunked: id % 2 == 0).ConfigureAwait(false);
                break;
            case LoadScenario.MinuteQuotaThenSuccess when call == 1:
            case LoadScenario.MinuteQuotaAlways:
                await WriteAsync(context, LoadPlan.ErrorBody(45011, id), Plain, chunked: id % 2 == 0).ConfigureAwait(false);
                break;
            case LoadScenario.DailyQuota:
                await WriteAsync(context, LoadPlan.ErrorBody(45009, id), Json, chunked: false).ConfigureAwait(false);
                break;
            case LoadScenario.InvalidToken:
                await WriteAsync(context, LoadPlan.ErrorBody(40001, id), Plain, chunked: false).ConfigureAwait(false);
                break;
            case LoadScenario.InvalidTokenAsStringChunked:
                await WriteAsync(context, LoadPlan.ErrorBody(40001, id, asString: true), Json, chunked: true).ConfigureAwait(false);
                break;
            case LoadScenario.Binary:
                await WriteAsync(context, intent.SuccessBody!, "image/jpeg", chunked: id % 2 == 0).ConfigureAwait(false);
                break;
            case LoadScenario.Malformed:
                await WriteAsync(context, intent.SuccessBody!, id % 3 == 0 ? Plain : Json, chunked: id % 2 == 0).ConfigureAwait(false);
                break;
            case LoadScenario.SuccessChunked:
                await WriteAsync(context, intent.SuccessBody!, Json, chunked: true).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(context, intent.SuccessBody!, id % 5 == 0 ? Plain : Json, chunked: false).ConfigureAwait(false);
                break;
        }
    }
}
