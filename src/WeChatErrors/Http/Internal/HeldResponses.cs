using System.Runtime.CompilerServices;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// The responses that WeChat errors were read from, held in the non-throwing mode (<see cref="WeChatErrorHandlingOptions.ThrowOnError"/>
/// <see langword="false"/>) while the call runs: the last attempt's is taken back and returned, the others are disposed. Kept
/// beside the exceptions, not in them, so that an exception never holds an <see cref="HttpResponseMessage"/>.
/// </summary>
internal static class HeldResponses
{
    private static readonly ConditionalWeakTable<WeChatApiException, HttpResponseMessage> Responses = new();

    /// <summary>Holds <paramref name="response"/>, which <paramref name="error"/> was read from, until the handler's call ends.</summary>
    public static void Hold(WeChatApiException error, HttpResponseMessage response) => Responses.Add(error, response);

    /// <summary>Returns the response held for <paramref name="error"/>, if any, and lets go of it.</summary>
    public static HttpResponseMessage? Take(WeChatApiException error)
    {
        if (!Responses.TryGetValue(error, out var response))
        {
            return null;
        }

        Responses.Remove(error);
        return response;
    }

    /// <summary>Disposes the response held for <paramref name="error"/>, if any: the response of an attempt that is not the call's answer.</summary>
    public static void Release(WeChatApiException? error)
    {
        if (error is not null)
        {
            Take(error)?.Dispose();
        }
    }
}
