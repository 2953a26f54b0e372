using System.Text;

namespace WeChatErrors.Tests.Reliability;

/// <summary>How one call ended: the bytes the caller read, or the exception it caught.</summary>
internal sealed record FaultOutcome(byte[]? Bytes, Exception? Exception, TimeSpan Elapsed)
{
    public override string ToString() => Exception is { } ex
        ? $"{ex.GetType().Name} ({(ex as WeChatApiException)?.RawErrorCode}): {ex.Message} -> inner {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}"
        : $"{Bytes!.Length} bytes: {Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 80))}";
}

/// <summary>Clients with and without the handler, and a way to run one call that fails the test instead of hanging.</summary>
internal static class FaultClients
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static HttpClient Create(Uri baseAddress, bool withHandler, Action<WeChatErrorHandlingOptions>? configure = null, TimeProvider? time = null, SecretProbe? probe = null)
    {
        var primary = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        HttpMessageHandler pipeline = primary;
        if (withHandler)
        {
            var options = new WeChatErrorHandlingOptions();
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Retry.RateLimitJitter = TimeSpan.Zero;
            configure?.Invoke(options);
            var logger = probe is null ? null : probe.LoggerProvider.CreateLogger("WeChatErrors.WeChatErrorHandler");
            pipeline = new WeChatErrorHandler(options, time, logger, meterFactory: null) { InnerHandler = primary };
        }

        return new HttpClient(pipeline) { BaseAddress = baseAddress, Timeout = HangLimit * 2 };
    }

    /// <summary>Sends <paramref name="request"/> and reads the whole body, asynchronously or with the synchronous API.</summary>
    public static async Task<FaultOutcome> RunAsync(HttpClient client, Func<HttpRequestMessage> request, bool sync = false, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var call = sync
            ? Task.Run(() =>
            {
                using var message = request();
                using var response = client.Send(message, cancellationToken);
                using var stream = response.Content.ReadAsStream(cancellationToken);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })
            : SendAsync(client, request, cancellationToken);
        var finished = await Task.WhenAny(call, Task.Delay(HangLimit)).ConfigureAwait(false);
        Assert.True(finished == call, $"the call did not end within {HangLimit.TotalSeconds} s");
        try
        {
            return new FaultOutcome(await call.ConfigureAwait(false), null, started.Elapsed);
        }
        catch (Exception ex)
        {
            return new FaultOutcome(null, ex, started.Elapsed);
        }
    }

    public static Func<HttpRequestMessage> Get(string path) => () => new HttpRequestMessage(HttpMethod.Get, path);

    private static async Task<byte[]> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
