using System.Globalization;
using WeChatErrors.ErrorCodes.Internal;

namespace WeChatErrors;

/// <summary>
/// Looks up what the catalog knows about WeChat error codes: names, Chinese and English descriptions, and kinds.
/// </summary>
/// <remarks>
/// The catalog is generated from <c>src/WeChatErrors/ErrorCodes/wechat-error-codes.tsv</c>. Every lookup is a
/// generated <see langword="switch"/>: it builds no table at start-up and allocates nothing for known codes.
/// </remarks>
public static partial class WeChatErrorCodes
{
    /// <summary>Gets what the catalog knows about an error code.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeChat.</param>
    /// <param name="info">When this method returns <see langword="true"/>, the name, descriptions and kind of the code; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when the code is in the catalog; <see langword="false"/> for unknown codes.</returns>
    public static bool TryGetInfo(int code, out WeChatErrorInfo info)
    {
        var index = IndexOf(code);
        if (index < 0)
        {
            info = default;
            return false;
        }

        info = new WeChatErrorInfo((WeChatErrorCode)code, NameAt(index), ChineseAt(index), EnglishAt(index), KindAt(index));
        return true;
    }

    /// <summary>Gets the kind of an error code: what a caller does next when WeChat returns it.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeChat.</param>
    /// <returns>The kind of the code, or <see cref="WeChatErrorKind.Other"/> when the code is unknown.</returns>
    public static WeChatErrorKind GetKind(int code) => KindAt(IndexOf(code));

    /// <summary>Tells whether sending the same request again later can succeed.</summary>
    /// <param name="code">The <c>errcode</c> value returned by WeChat.</param>
    /// <returns>
    /// <see langword="true"/> when the kind of the code is <see cref="WeChatErrorKind.Transient"/> (WeChat is busy or failed
    /// internally) or <see cref="WeChatErrorKind.RateLimit"/> (a short-window frequency limit); otherwise <see langword="false"/>,
    /// including for unknown codes and for <see cref="WeChatErrorKind.DailyQuota"/>, which does not recover within minutes.
    /// </returns>
    public static bool IsTransient(int code)
    {
        var kind = GetKind(code);
        return kind is WeChatErrorKind.Transient or WeChatErrorKind.RateLimit;
    }

    /// <summary>Gets the description of an error code in Chinese or in English.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="culture">
    /// The culture that picks the language; <see langword="null"/> means <see cref="CultureInfo.CurrentUICulture"/>.
    /// Every Chinese culture (two-letter ISO language name <c>zh</c>: zh-CN, zh-Hans, zh-TW, ...) gets Chinese; every other culture,
    /// including the invariant culture, gets English.
    /// </param>
    /// <returns>
    /// The description in the chosen language; every known code has both a Chinese and an English one.
    /// For a code the catalog does not know: <c>unknown WeChat error code 123456</c>, or <c>未知的微信错误码 123456</c> in Chinese.
    /// </returns>
    public static string GetDescription(this WeChatErrorCode code, CultureInfo? culture = null)
    {
        var chinese = Descriptions.IsChinese(culture);
        var index = IndexOf((int)code);
        return index < 0
            ? Descriptions.Unknown(chinese, (int)code, "未知的微信错误码 ", "unknown WeChat error code ")
            : Descriptions.Pick(chinese, ChineseAt(index), EnglishAt(index), NameAt(index));
    }
}
