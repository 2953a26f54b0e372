using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers created on it, so a test can wait until the code under test
/// has started a delay before it moves the clock.
/// </summary>
internal sealed class TimerCountingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private int _timers;

    public FakeTimeProvider Fake => inner;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    /// <summary>Waits (without moving the clock) until at least <paramref name="count"/> timers exist.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TimersCreated < count && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.True(TimersCreated >= count, $"expected {count} timer(s), saw {TimersCreated}");
    }
}
