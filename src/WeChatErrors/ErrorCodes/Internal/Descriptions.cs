using System.Globalization;

namespace WeChatErrors.ErrorCodes.Internal;

/// <summary>How both catalogs (WeChat and WeCom) pick a description's language and word an unknown code.</summary>
internal static class Descriptions
{
    /// <summary>Returns whether <paramref name="culture"/> (the current UI culture when <see langword="null"/>) gets Chinese: every <c>zh</c> culture.</summary>
    public static bool IsChinese(CultureInfo? culture) =>
        string.Equals((culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName, "zh", StringComparison.Ordinal);

    /// <summary>Returns the text in the chosen language, else the other one, else the member name.</summary>
    public static string Pick(bool chinese, string? chineseText, string? englishText, string name) =>
        (chinese ? chineseText : englishText) ?? (chinese ? englishText : chineseText) ?? name;

    /// <summary>Returns the description of a code the catalog does not know: the start of the text, then the number.</summary>
    public static string Unknown(bool chinese, int code, string chineseStart, string englishStart) =>
        (chinese ? chineseStart : englishStart) + code.ToString(CultureInfo.InvariantCulture);
}
