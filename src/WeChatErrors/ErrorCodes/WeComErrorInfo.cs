namespace WeChatErrors;

/// <summary>
/// What the WeCom catalog knows about one WeCom (企业微信) error code: its name, the official Chinese description, an English
/// description written for the library, the official troubleshooting text and help link, and its <see cref="WeChatErrorKind"/>.
/// </summary>
/// <remarks>Obtained from <see cref="WeComErrorCodes.TryGetInfo(int, out WeComErrorInfo)"/>. Creating it allocates nothing: every string is a literal.</remarks>
public readonly struct WeComErrorInfo
{
    internal WeComErrorInfo(WeComErrorCode code, string name, string? chineseDescription, string? englishDescription, string? troubleshooting, string? helpUrl, WeChatErrorKind kind)
    {
        Code = code;
        Name = name;
        ChineseDescription = chineseDescription;
        EnglishDescription = englishDescription;
        Troubleshooting = troubleshooting;
        HelpUrl = helpUrl;
        Kind = kind;
    }

    /// <summary>Gets the error code.</summary>
    public WeComErrorCode Code { get; }

    /// <summary>Gets the name of the <see cref="WeComErrorCode"/> member, for example <c>InvalidCorpSecret</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the official Chinese description of the 全局错误码 page. Every known code has one; <see langword="null"/> only on a default instance.</summary>
    public string? ChineseDescription { get; }

    /// <summary>
    /// Gets the English description. It is a translation written for the library, not WeCom's text: WeCom publishes no English
    /// error table. Every known code has one; <see langword="null"/> only on a default instance.
    /// </summary>
    public string? EnglishDescription { get; }

    /// <summary>Gets the page's troubleshooting text (排查方法), in Chinese, flattened to one line.</summary>
    /// <value><see langword="null"/> where the page gives none.</value>
    public string? Troubleshooting { get; }

    /// <summary>Gets the link to the code's longer help section on the official page.</summary>
    /// <value><see langword="null"/> where the page has none.</value>
    public string? HelpUrl { get; }

    /// <summary>Gets what a caller does next when it receives this code; the kinds are shared with WeChat.</summary>
    public WeChatErrorKind Kind { get; }

    /// <summary>Returns the code, its name and its English description (or Chinese when there is no English one).</summary>
    /// <returns>A text such as <c>40001 InvalidCorpSecret: Invalid secret...</c>.</returns>
    public override string ToString() => $"{(int)Code} {Name}: {EnglishDescription ?? ChineseDescription}";
}
