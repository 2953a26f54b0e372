
namespace WeChatErrors.AccessTokens.Internal;

/// <summary>The defaults of <see cref="WeChatAccessTokenOptions"/> and the names the token feature uses.</summary>
internal static class WeChatAccessTokenDefaults
{
    public const string BaseAddress = "https://api.weixin.qq.com/";

    public const string DistributedCacheKeyPrefix = "WeChatErrors:AccessToken:";

    /// <summary>The name of the <see cref="HttpClient"/> that calls the token endpoints (error handling, no token supply).</summary>
    public const string TokenClientName = "WeChatErrors.AccessTokens";

    /// <summary>The logger category of the built-in token source.</summary>
    public const string LoggerCategory = "WeChatErrors.AccessTokens";

    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(3);

    public static readonly TimeSpan MaxRefreshBeforeExpiry = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan DistributedCacheTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxDistributedCacheTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DistributedCacheBreakDuration = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxDistributedCacheBreakDuration = TimeSpan.FromHours(1);
}
