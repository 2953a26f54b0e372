
namespace WeChatErrors.Shared;

/// <summary>WeChat's frequency limits (<c>45011</c> and its relatives) are counted per clock minute.</summary>
internal static class MinuteWindow
{
    /// <summary>Returns the time from <paramref name="now"/> until the next minute starts: more than zero, at most one minute.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The time left in the current minute.</returns>
    public static TimeSpan UntilNext(DateTimeOffset now) => TimeSpan.FromTicks(TimeSpan.TicksPerMinute - (now.UtcTicks % TimeSpan.TicksPerMinute));
}
