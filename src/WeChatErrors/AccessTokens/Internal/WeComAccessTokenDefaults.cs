
namespace WeChatErrors.AccessTokens.Internal;

/// <summary>The defaults of <see cref="WeComAccessTokenOptions"/> and the names the WeCom token feature uses.</summary>
internal static class WeComAccessTokenDefaults
{
    public const string BaseAddress = "https://qyapi.weixin.qq.com/";

    /// <summary>The name of the <see cref="HttpClient"/> that calls <c>gettoken</c> (error handling, no token supply, no request logging).</summary>
    public const string TokenClientName = "WeChatErrors.WeComAccessTokens";

    /// <summary>Returns the key of one application: the name of its options and of its token in memory.</summary>
    public static string Key(string corpId, string app) => corpId + ":" + app;
}
