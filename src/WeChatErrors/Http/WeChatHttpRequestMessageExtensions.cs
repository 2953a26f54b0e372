using WeChatErrors.Shared;

namespace WeChatErrors;

/// <summary>
/// Per-request settings for <see cref="WeChatErrorHandler"/>.
/// </summary>
public static class WeChatHttpRequestMessageExtensions
{
    private const string DisableRetryKey = "WeChatErrors.DisableRetry";
    private const string AllowMessageRetryKey = "WeChatErrors.AllowMessageRetry";
    private const string ReadAsWeComKey = "WeChatErrors.ReadAsWeCom";

    /// <summary>
    /// Tells <see cref="WeChatErrorHandler"/> never to send this request a second time, whatever the error.
    /// </summary>
    /// <param name="request">The request to mark.</param>
    /// <returns>The value of <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Use it for calls that must not be sent twice for any reason the library does not know. Messages to one user and mass sends
    /// are already never resent after a transient error (see <see cref="WeChatRetryOptions.RetryMessageSends"/>); this also stops
    /// the rate-limit retry and the token recovery. Errors are still turned into exceptions.
    /// </remarks>
    public static HttpRequestMessage DisableWeChatRetry(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        Set(request, DisableRetryKey);
        return request;
    }

    /// <summary>
    /// Gets a value indicating whether <see cref="DisableWeChatRetry(HttpRequestMessage)"/> was called on this request.
    /// </summary>
    /// <param name="request">The request to look at.</param>
    /// <returns><see langword="true"/> when retries are disabled for <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool IsWeChatRetryDisabled(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        return IsSet(request, DisableRetryKey);
    }

    /// <summary>
    /// Lets <see cref="WeChatErrorHandler"/> send this message to one user again after a transient error (such as <c>-1</c>),
    /// as <see cref="WeChatRetryOptions.RetryMessageSends"/> does for a whole client.
    /// </summary>
    /// <param name="request">The request to mark: a call of <c>message/custom/send</c>, <c>message/template/send</c>, <c>message/subscribe/send</c> or the like.</param>
    /// <returns>The value of <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Use it where a second copy of the message does no harm, or where the body carries a key that WeChat deduplicates.
    /// It has no effect on mass sends and one-time code exchanges, which are never resent after a transient error.
    /// </remarks>
    public static HttpRequestMessage AllowWeChatMessageRetry(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        Set(request, AllowMessageRetryKey);
        return request;
    }

    /// <summary>
    /// Gets a value indicating whether <see cref="AllowWeChatMessageRetry(HttpRequestMessage)"/> was called on this request.
    /// </summary>
    /// <param name="request">The request to look at.</param>
    /// <returns><see langword="true"/> when the request may be sent again after a transient error although it delivers a message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool IsWeChatMessageRetryAllowed(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        return IsSet(request, AllowMessageRetryKey);
    }

    /// <summary>
    /// Tells <see cref="WeChatErrorHandler"/> that this request calls WeCom (企业微信): its answer is read with the WeCom catalog
    /// (<see cref="WeComErrorCode"/>) and retried by WeCom's rules, whatever its host.
    /// </summary>
    /// <param name="request">The request to mark.</param>
    /// <returns>The value of <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Answers of a host in <see cref="WeChatErrorHandlingOptions.WeComHosts"/> (by default <c>qyapi.weixin.qq.com</c>) are read as
    /// WeCom answers without it, and so are the requests of a client with <c>AddWeComAccessToken</c>. Use it for one request to
    /// another host, such as a private deployment not listed there.
    /// </remarks>
    public static HttpRequestMessage ReadAsWeCom(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        Set(request, ReadAsWeComKey);
        return request;
    }

    /// <summary>Gets a value indicating whether <see cref="ReadAsWeCom(HttpRequestMessage)"/> was called on this request.</summary>
    /// <param name="request">The request to look at.</param>
    /// <returns><see langword="true"/> when the answer of <paramref name="request"/> is read as a WeCom answer whatever its host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool IsReadAsWeCom(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        return IsSet(request, ReadAsWeComKey);
    }

    private static void Set(HttpRequestMessage request, string key) => RequestOptions.Set(request, key, true);

    private static bool IsSet(HttpRequestMessage request, string key) => RequestOptions.TryGet<bool>(request, key, out var value) && value;
}
