
namespace WeChatErrors.Retry.Internal;

internal static class WeChatRetryDefaults
{
    public const int MaxRetryAttempts = 3;
    public const int MaxRateLimitRetryAttempts = 1;
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(65);
    public static readonly TimeSpan RateLimitJitter = TimeSpan.FromSeconds(1);
}
