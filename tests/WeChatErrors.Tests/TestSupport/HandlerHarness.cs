using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>An <see cref="HttpClient"/> whose pipeline is a <see cref="WeChatErrorHandler"/> in front of a MockHttp server.</summary>
internal sealed class HandlerHarness : IDisposable
{
    public const string BaseAddress = "https://api.weixin.qq.com/";

    public HandlerHarness(Action<WeChatErrorHandlingOptions>? configure = null)
    {
        var options = new WeChatErrorHandlingOptions();
        configure?.Invoke(options);
        Clock = new TimerCountingTimeProvider(Time);
        Handler = new WeChatErrorHandler(options, Clock, logger: null, meterFactory: null) { InnerHandler = Server };
        Client = new HttpClient(Handler) { BaseAddress = new Uri(BaseAddress) };
    }

    public MockHttpMessageHandler Server { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 15, TimeSpan.Zero));

    /// <summary>Gets the clock the handler uses: <see cref="Time"/>, counting the timers started on it.</summary>
    public TimerCountingTimeProvider Clock { get; }

    public WeChatErrorHandler Handler { get; }

    public HttpClient Client { get; }

    public static HttpContent Json(string body, string mediaType = "application/json") => new StringContent(body, Encoding.UTF8, mediaType);

    /// <summary>
    /// Lets every retry delay of <paramref name="pending"/> elapse: each time the handler starts a timer, the clock jumps
    /// past it. The clock never moves before the handler waits, so the request sees the same delays it would see in production.
    /// </summary>
    public async Task CompleteRetriesAsync(Task pending)
    {
        var seen = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!pending.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (Clock.TimersCreated > seen)
            {
                seen = Clock.TimersCreated;
                Time.Advance(TimeSpan.FromMinutes(2));
            }

            await Task.Yield();
        }
    }

    /// <summary>Answers the next calls to <paramref name="path"/> (relative to <see cref="BaseAddress"/>, or absolute) with <paramref name="bodies"/>, one each, in order.</summary>
    public CallCounter Sequence(string path, params string[] bodies)
    {
        var counter = new CallCounter();
        Server.When(path.Contains("://", StringComparison.Ordinal) ? path : BaseAddress + path).Respond(_ =>
        {
            var index = Math.Min(counter.Increment() - 1, bodies.Length - 1);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = Json(bodies[index]) };
        });
        return counter;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}

internal sealed class CallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Increment() => Interlocked.Increment(ref _count);
}
