using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// The wall clock of a <see cref="FakeTimeProvider"/> (token lifetimes, skip periods: moved by the test) with real timers and
/// stopwatch (timeouts: they must elapse while a real server is silent).
/// </summary>
internal sealed class FakeClockRealTimers(FakeTimeProvider clock) : TimeProvider
{
    public FakeTimeProvider Clock => clock;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;
}
