using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

public partial class WeChatApiException
{
    /// <summary>
    /// Creates the typed exception for an <c>errcode</c> and <c>errmsg</c> read elsewhere, for example from an SDK's result
    /// model: the same type, <see cref="Kind"/>, <see cref="Description"/>, <see cref="RequestId"/> and message the handler
    /// would give for that body.
    /// </summary>
    /// <param name="errorCode">The non-zero <c>errcode</c>.</param>
    /// <param name="errorMessage">The <c>errmsg</c> (redacted here, as in every exception), or <see langword="null"/>.</param>
    /// <param name="product">The product whose API answered: <see cref="WeChatProduct.WeCom"/> reads the code in WeCom's table.</param>
    /// <param name="requestMethod">The HTTP method of the call, or <see langword="null"/>.</param>
    /// <param name="requestUri">The request URI (redacted here), or <see langword="null"/>.</param>
    /// <returns>The exception, not thrown: <c>throw WeChatApiException.Create(result.ErrorCode, result.ErrorMessage);</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="errorCode"/> is 0, which is a success.</exception>
    public static WeChatApiException Create(
        long errorCode,
        string? errorMessage,
        WeChatProduct product = WeChatProduct.WeChat,
        HttpMethod? requestMethod = null,
        Uri? requestUri = null)
    {
        if (errorCode == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(errorCode), errorCode, "errcode 0 is a success, not an error.");
        }

        return WeChatExceptionFactory.Create(errorCode, rawErrorCodeText: null, errorMessage, requestMethod?.Method, requestUri, product: product);
    }
}
