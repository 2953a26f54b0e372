using System.Diagnostics.CodeAnalysis;
using WeChatErrors.Http.Internal;
using WeChatErrors.Shared;

namespace WeChatErrors;

/// <summary>
/// Reads the WeChat error that <see cref="WeChatErrorHandler"/> found in a response it handed to the caller in the non-throwing
/// mode (<see cref="WeChatErrorHandlingOptions.ThrowOnError"/> <see langword="false"/>), without parsing the body again.
/// </summary>
/// <remarks>
/// A response reaches the caller with an error only in the non-throwing mode; in the default mode the handler throws the error
/// instead, so these methods find none. A response that no handler saw (built by hand, or of another client) has none either.
/// The response's body is not read: the error was recorded when the handler inspected it.
/// </remarks>
public static class WeChatHttpResponseMessageExtensions
{
    /// <summary>Returns the WeChat error of the response: the exception the handler would have thrown for it.</summary>
    /// <param name="response">A response of a client with <see cref="WeChatErrorHandler"/>.</param>
    /// <returns>
    /// The typed <see cref="WeChatApiException"/> (<see cref="WeChatQuotaExceededException"/> for <c>45009</c>...), with the same code,
    /// <see cref="WeChatApiException.RequestId"/>, redacted URL and <see cref="WeChatApiException.Attempts"/> as in the throwing mode;
    /// <see langword="null"/> for a success, a body that is not a WeChat error, or a response the handler never saw.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static WeChatApiException? GetWeChatError(this HttpResponseMessage response)
    {
        ArgumentNullExceptionShim.ThrowIfNull(response);
        return ResponseErrors.Get(response);
    }

    /// <summary>Returns whether the response carries a WeChat error, and the error.</summary>
    /// <param name="response">A response of a client with <see cref="WeChatErrorHandler"/>.</param>
    /// <param name="error">The error, as <see cref="GetWeChatError(HttpResponseMessage)"/> returns it; <see langword="null"/> when there is none.</param>
    /// <returns><see langword="true"/> when the handler found a WeChat error in <paramref name="response"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static bool TryGetWeChatError(this HttpResponseMessage response, [NotNullWhen(true)] out WeChatApiException? error)
    {
        error = GetWeChatError(response);
        return error is not null;
    }

    /// <summary>Throws the WeChat error of the response, if it has one; returns the response otherwise.</summary>
    /// <param name="response">A response of a client with <see cref="WeChatErrorHandler"/>.</param>
    /// <returns>The value of <paramref name="response"/>, for chaining (<c>response.EnsureWeChatSuccess().EnsureSuccessStatusCode()</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    /// <exception cref="WeChatApiException">The response carries a WeChat error: the exception the handler would have thrown, of its
    /// type (<see cref="WeChatAccessTokenException"/>, <see cref="WeChatRateLimitException"/>...).</exception>
    /// <remarks>The response is not disposed: it stays the caller's, as with <see cref="HttpResponseMessage.EnsureSuccessStatusCode"/>.
    /// Each call throws the same instance, the one <see cref="GetWeChatError(HttpResponseMessage)"/> returns: call it once per response.</remarks>
    public static HttpResponseMessage EnsureWeChatSuccess(this HttpResponseMessage response)
    {
        if (GetWeChatError(response) is { } error)
        {
            throw error;
        }

        return response;
    }
}
