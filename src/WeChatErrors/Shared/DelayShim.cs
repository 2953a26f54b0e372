namespace WeChatErrors.Shared;

/// <summary>A delay on a <see cref="TimeProvider"/>, on every target (the netstandard2.0 build takes it from Microsoft.Bcl.TimeProvider).</summary>
internal static class DelayShim
{
    public static Task Delay(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken = default) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif
}
