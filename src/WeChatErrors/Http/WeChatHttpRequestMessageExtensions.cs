using WeChatErrors.Shared;

namespace WeChatErrors;

/// <summary>
/// Per-request settings for <see cref="WeChatErrorHandler"/>.
/// </summary>
public static class WeChatHttpRequestMessageExtensions
{
    private const string DisableRetryKey = "WeChatErrors.DisableRetry";

    /// <summary>
    /// Tells <see cref="WeChatErrorHandler"/> never to send this request a second time, whatever the error.
    /// </summary>
    /// <param name="request">The request to mark.</param>
    /// <returns>The value of <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Use it for calls that are not idempotent, such as template messages and mass sends: WeChat does not say whether a request
    /// that failed with <c>-1</c> was processed, so sending it again may deliver the message twice. Errors are still turned into exceptions.
    /// </remarks>
    public static HttpRequestMessage DisableWeChatRetry(this HttpRequestMessage request)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<bool>(DisableRetryKey), true);
#else
        request.Properties[DisableRetryKey] = true;
#endif
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
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(DisableRetryKey), out var disabled) && disabled;
#else
        return request.Properties.TryGetValue(DisableRetryKey, out var value) && value is true;
#endif
    }
}
