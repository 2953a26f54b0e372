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

    public static HttpRequestMessage Request(string path = "cgi-bin/user/get") => new(HttpMethod.Post, HandlerHarness.BaseAddress + path);
}
