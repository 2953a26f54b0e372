using System.Buffers;
using System.Text;
using WeChatErrors.Detection;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <content>Helpers for WeChat bodies that did not come through an HTTP handler (message-push callbacks, a body already read).</content>
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
    public static void ThrowIfError(ReadOnlySpan<byte> utf8Json)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(utf8Json);
        if (body.Status == WeChatErrorBodyStatus.Error)
        {
            throw WeChatExceptionFactory.Create(body);
        }
    }

    /// <summary>Throws the typed exception when a WeChat JSON body has a non-zero top-level <c>errcode</c>.</summary>
    /// <param name="json">The whole body.</param>
    /// <remarks>Behaves like <see cref="ThrowIfError(ReadOnlySpan{byte})"/>: success, no <c>errcode</c> or an unreadable body returns without throwing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="WeChatApiException">The body reports an error. The exact type follows the code's <see cref="WeChatErrorKind"/>.</exception>
    public static void ThrowIfError(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            ThrowIfError(new ReadOnlySpan<byte>(buffer, 0, length));
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
        WeChatErrorBody body = WeChatErrorBody.Parse(utf8Json);
        if (body.Status != WeChatErrorBodyStatus.Error)
        {
            errorCode = WeChatErrorCode.Success;
            errorMessage = null;
            return false;
        }

        errorCode = (WeChatErrorCode)body.ErrorCode;
        errorMessage = WeChatErrorDetails.CleanErrorMessage(body.ErrorMessage);
        return true;
    }
}
