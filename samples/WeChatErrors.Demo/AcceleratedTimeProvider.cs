namespace WeChatErrors.Demo;

/// <summary>
/// The system clock, except that timers run <see cref="Factor"/> times faster: the demo's retry waits (up to a minute for
/// <c>45011</c>) pass in well under a second, while every decision the handler makes stays the one it makes in production.
/// </summary>
internal sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    public double Factor { get; } = factor;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span <= TimeSpan.Zero || span == Timeout.InfiniteTimeSpan ? span : span / Factor;
}
