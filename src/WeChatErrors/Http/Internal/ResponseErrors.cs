using System.Runtime.CompilerServices;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// The WeChat errors of the responses a handler in the non-throwing mode handed to its callers, keyed by the response object
/// and kept only as long as the response lives.
/// </summary>
internal static class ResponseErrors
{
    private static readonly ConditionalWeakTable<HttpResponseMessage, WeChatApiException> Errors = new();

    /// <summary>Records <paramref name="error"/> as the error of <paramref name="response"/>, replacing an earlier one (a response that passed two handlers).</summary>
    public static void Set(HttpResponseMessage response, WeChatApiException error)
    {
        lock (Errors)
        {
            Errors.Remove(response);
            Errors.Add(response, error);
        }
    }

    /// <summary>Returns the error recorded for <paramref name="response"/>, or <see langword="null"/> for one no handler recorded.</summary>
    public static WeChatApiException? Get(HttpResponseMessage response) => Errors.TryGetValue(response, out var error) ? error : null;
}
