using System.Buffers;
using System.Text;
using WeChatErrors.Detection;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <content>Helpers for WeChat and WeCom bodies that did not come through an HTTP handler (message-push callbacks, a body already read).</content>
public partial class WeChatApiException
{
    /// <summary>Throws the typed exception when a WeChat JSON body has a non-zero top-level <c>errcode</c>.</summary>
    /// <param name="utf8Json">The whole body, UTF-8 encoded (a leading BOM is allowed).</param>
    /// <remarks>
    /// Returns without throwing when <c>errcode</c> is 0 or absent (many successful WeChat answers have no <c>errcode</c>), and
    /// when the body cannot be read as one JSON object or its top-level <c>errcode</c> is not an integer: such a body is
    /// not a WeChat error report, and the caller's own deserialization will fail on it. Use
    /// <see cref="TryReadError(ReadOnlySpan{byte}, out WeChatErrorCode, out string?)"/> to tell the cases apart without an exception.
    /// </remarks>
    /// <exception cref="WeChatApiException">The body reports an error. The exact type follows the code's <see cref="WeChatErrorKind"/>.</exception>
    public static void ThrowIfError(ReadOnlySpan<byte> utf8Json) => ThrowIfError(utf8Json, WeChatProduct.WeChat);

    /// <summary>Throws the typed exception when a JSON body of <paramref name="product"/> has a non-zero top-level <c>errcode</c>.</summary>
    /// <param name="utf8Json">The whole body, UTF-8 encoded (a leading BOM is allowed).</param>
    /// <param name="product">The product whose API sent the body: <see cref="WeChatProduct.WeCom"/> reads the code as a <see cref="WeChatErrors.WeComErrorCode"/>.</param>
    /// <remarks>Behaves like <see cref="ThrowIfError(ReadOnlySpan{byte})"/>: success, no <c>errcode</c> or an unreadable body returns without throwing.</remarks>
    /// <exception cref="WeChatApiException">The body reports an error. The exact type follows the code's <see cref="WeChatErrorKind"/> in the product's catalog.</exception>
    public static void ThrowIfError(ReadOnlySpan<byte> utf8Json, WeChatProduct product)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(utf8Json);
        if (body.Status == WeChatErrorBodyStatus.Error)
        {
            throw WeChatExceptionFactory.Create(body, product: product);
        }
    }

    /// <summary>Throws the typed exception when a WeChat JSON body has a non-zero top-level <c>errcode</c>.</summary>
    /// <param name="json">The whole body.</param>
    /// <remarks>Behaves like <see cref="ThrowIfError(ReadOnlySpan{byte})"/>: success, no <c>errcode</c> or an unreadable body returns without throwing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="WeChatApiException">The body reports an error. The exact type follows the code's <see cref="WeChatErrorKind"/>.</exception>
    public static void ThrowIfError(string json) => ThrowIfError(json, WeChatProduct.WeChat);

    /// <summary>Throws the typed exception when a JSON body of <paramref name="product"/> has a non-zero top-level <c>errcode</c>.</summary>
    /// <param name="json">The whole body.</param>
    /// <param name="product">The product whose API sent the body.</param>
    /// <remarks>Behaves like <see cref="ThrowIfError(ReadOnlySpan{byte}, WeChatProduct)"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="WeChatApiException">The body reports an error. The exact type follows the code's <see cref="WeChatErrorKind"/> in the product's catalog.</exception>
    public static void ThrowIfError(string json, WeChatProduct product)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            ThrowIfError(new ReadOnlySpan<byte>(buffer, 0, length), product);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the top-level <c>errcode</c> and <c>errmsg</c> of a WeChat JSON body. Never throws.</summary>
    /// <param name="utf8Json">The whole body, UTF-8 encoded (a leading BOM is allowed).</param>
    /// <param name="errorCode">The <c>errcode</c> (clamped to the <see cref="int"/> range) when the method returns <see langword="true"/>; otherwise <see cref="WeChatErrorCode.Success"/>.</param>
    /// <param name="errorMessage">The <c>errmsg</c>, redacted and capped like <see cref="ErrorMessage"/>, when the method returns <see langword="true"/>; otherwise <see langword="null"/>.</param>
    /// <returns>
    /// <see langword="true"/> only when the body is one JSON object with a non-zero top-level <c>errcode</c>;
    /// <see langword="false"/> for success, no <c>errcode</c>, or a body that cannot be read.
    /// </returns>
    public static bool TryReadError(ReadOnlySpan<byte> utf8Json, out WeChatErrorCode errorCode, out string? errorMessage)
    {
        var found = TryRead(utf8Json, out int code, out errorMessage);
        errorCode = (WeChatErrorCode)code;
        return found;
    }

    /// <summary>Reads the top-level <c>errcode</c> and <c>errmsg</c> of a WeCom (企业微信) JSON body. Never throws.</summary>
    /// <param name="utf8Json">The whole body, UTF-8 encoded (a leading BOM is allowed).</param>
    /// <param name="errorCode">The <c>errcode</c> as a WeCom code (clamped to the <see cref="int"/> range) when the method returns <see langword="true"/>; otherwise <see cref="WeChatErrors.WeComErrorCode.Success"/>.</param>
    /// <param name="errorMessage">The <c>errmsg</c>, redacted and capped like <see cref="ErrorMessage"/>, when the method returns <see langword="true"/>; otherwise <see langword="null"/>.</param>
    /// <returns>
    /// <see langword="true"/> only when the body is one JSON object with a non-zero top-level <c>errcode</c>;
    /// <see langword="false"/> for success, no <c>errcode</c>, or a body that cannot be read.
    /// </returns>
    /// <remarks>The same reading as <see cref="TryReadError(ReadOnlySpan{byte}, out WeChatErrorCode, out string?)"/>; only the code space differs.</remarks>
    public static bool TryReadWeComError(ReadOnlySpan<byte> utf8Json, out WeComErrorCode errorCode, out string? errorMessage)
    {
        var found = TryRead(utf8Json, out int code, out errorMessage);
        errorCode = (WeComErrorCode)code;
        return found;
    }

    private static bool TryRead(ReadOnlySpan<byte> utf8Json, out int errorCode, out string? errorMessage)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(utf8Json);
        if (body.Status != WeChatErrorBodyStatus.Error)
        {
            errorCode = 0;
            errorMessage = null;
            return false;
        }

        errorCode = body.ErrorCode;
        errorMessage = WeChatErrorDetails.CleanErrorMessage(body.ErrorMessage);
        return true;
    }
}
