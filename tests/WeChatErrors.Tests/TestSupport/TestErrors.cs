using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>WeChat errors and requests as the handler sees them, made on a clock the test controls.</summary>
internal static class TestErrors
{
    /// <summary>45 seconds before the next minute: a rate limit seen now has a <see cref="WeChatRateLimitException.RetryAfter"/> of 45 s.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 15, TimeSpan.Zero);

    /// <summary>Creates the exception of <paramref name="code"/> answered by <paramref name="path"/> at <paramref name="time"/>.</summary>
    public static WeChatApiException Error(long code, TimeProvider time, string path = "cgi-bin/user/get", string errorMessage = "error rid: 6386b59a-1c2d3e4f-5a6b7c8d") =>
        WeChatExceptionFactory.Create(code, null, errorMessage, "POST", new Uri(HandlerHarness.BaseAddress + path), HttpStatusCode.OK, attempts: 1, time);

    /// <summary>The WeCom API's address, as the handler reads it (<see cref="WeChatErrorHandlingOptions.WeComDefaultHost"/>).</summary>
    public const string WeComBaseAddress = "https://qyapi.weixin.qq.com/";

    /// <summary>Creates the exception of WeCom's <paramref name="code"/> answered by <paramref name="path"/> of the WeCom API at <paramref name="time"/>.</summary>
    public static WeChatApiException WeComError(long code, TimeProvider time, string path = "cgi-bin/user/get", string errorMessage = "error, hint: [1700000000_92_5c0b3a], from ip: 203.0.113.9") =>
        WeChatExceptionFactory.Create(code, null, errorMessage, "POST", new Uri(WeComBaseAddress + path), HttpStatusCode.OK, attempts: 1, time, product: WeChatProduct.WeCom);

    public static HttpRequestMessage WeComRequest(string path = "cgi-bin/user/get") => new(HttpMethod.Post, WeComBaseAddress + path);

    public static HttpRequestMessage Request(string path = "cgi-bin/user/get") => new(HttpMethod.Post, HandlerHarness.BaseAddress + path);
}
