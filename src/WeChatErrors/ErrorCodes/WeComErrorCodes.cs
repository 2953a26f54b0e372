using System.Globalization;
using WeChatErrors.ErrorCodes.Internal;

namespace WeChatErrors;

/// <summary>
/// Looks up what the WeCom (企业微信) catalog knows about WeCom error codes: names, the official Chinese descriptions, English
/// descriptions written for the library, troubleshooting texts and kinds.
/// </summary>
/// <remarks>
/// The catalog is generated from <c>src/WeChatErrors/ErrorCodes/wecom-error-codes.tsv</c>, the official 全局错误码 page. WeCom is
/// a code space of its own: use <see cref="WeChatErrorCodes"/> for WeChat codes. Every lookup is a generated
/// <see langword="switch"/>: it builds no table at start-up and allocates nothing for known codes.
/// </remarks>
public static partial class WeComErrorCodes
{
    /// <summary>Gets what the catalog knows about a WeCom error code.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeCom.</param>
    /// <param name="info">When this method returns <see langword="true"/>, the name, descriptions, troubleshooting text and kind of the code; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when the code is in the catalog; <see langword="false"/> for unknown codes.</returns>
    public static bool TryGetInfo(int code, out WeComErrorInfo info)
    {
        var index = IndexOf(code);
        if (index < 0)
        {
            info = default;
            return false;
        }

        info = new WeComErrorInfo((WeComErrorCode)code, NameAt(index), ChineseAt(index), EnglishAt(index), HintAt(index), HelpUrlAt(index), KindAt(index));
        return true;
    }

    /// <summary>Gets the kind of a WeCom error code: what a caller does next when WeCom returns it.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeCom.</param>
    /// <returns>The kind of the code, or <see cref="WeChatErrorKind.Other"/> when the code is unknown.</returns>
    public static WeChatErrorKind GetKind(int code) => KindAt(IndexOf(code));

    /// <summary>Tells whether sending the same request again later can succeed.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeCom.</param>
    /// <returns>
    /// <see langword="true"/> when the kind of the code is <see cref="WeChatErrorKind.Transient"/> (WeCom is busy, failed
    /// internally, or data changed under the call) or <see cref="WeChatErrorKind.RateLimit"/> (a frequency or concurrency
    /// limit: later, not at once); otherwise <see langword="false"/>, including for unknown codes.
    /// </returns>
    public static bool IsTransient(int code)
    {
        var kind = GetKind(code);
        return kind is WeChatErrorKind.Transient or WeChatErrorKind.RateLimit;
    }

    /// <summary>Gets the description of a WeCom error code in Chinese or in English.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="culture">
    /// The culture that picks the language; <see langword="null"/> means <see cref="CultureInfo.CurrentUICulture"/>.
    /// Every Chinese culture (two-letter ISO language name <c>zh</c>) gets the official Chinese text; every other culture,
    /// including the invariant culture, gets the English text written for the library.
    /// </param>
    /// <returns>
    /// The description in the chosen language; every known code has both.
    /// For a code the catalog does not know: <c>unknown WeCom error code 123456</c>, or <c>未知的企业微信错误码 123456</c> in Chinese.
    /// </returns>
    public static string GetDescription(this WeComErrorCode code, CultureInfo? culture = null)
    {
        var chinese = Descriptions.IsChinese(culture);
        var index = IndexOf((int)code);
        return index < 0
            ? Descriptions.Unknown(chinese, (int)code, "未知的企业微信错误码 ", "unknown WeCom error code ")
            : Descriptions.Pick(chinese, ChineseAt(index), EnglishAt(index), NameAt(index));
    }
}
