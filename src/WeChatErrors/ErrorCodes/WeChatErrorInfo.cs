namespace WeChatErrors;

/// <summary>
/// What the catalog knows about one WeChat error code: its name, its Chinese and English descriptions and its <see cref="WeChatErrorKind"/>.
/// </summary>
/// <remarks>Obtained from <see cref="WeChatErrorCodes.TryGetInfo(int, out WeChatErrorInfo)"/>. Creating it allocates nothing: every string is a literal.</remarks>
public readonly struct WeChatErrorInfo
{
    internal WeChatErrorInfo(WeChatErrorCode code, string name, string? chineseDescription, string? englishDescription, WeChatErrorKind kind)
    {
        Code = code;
        Name = name;
        ChineseDescription = chineseDescription;
        EnglishDescription = englishDescription;
        Kind = kind;
    }

    /// <summary>Gets the error code.</summary>
    public WeChatErrorCode Code { get; }

    /// <summary>Gets the name of the <see cref="WeChatErrorCode"/> member, for example <c>InvalidCredential</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets the Chinese description: WeChat's own text, or, for a code whose sources give only English, a translation of the
    /// official English errmsg written for the library. Every known code has one; <see langword="null"/> only on a default instance.
    /// </summary>
    public string? ChineseDescription { get; }

    /// <summary>Gets the English description. Every known code has one; <see langword="null"/> only on a default instance.</summary>
    public string? EnglishDescription { get; }

    /// <summary>Gets what a caller does next when it receives this code.</summary>
    public WeChatErrorKind Kind { get; }

    /// <summary>Returns the code, its name and its English description (or Chinese when there is no English one).</summary>
    /// <returns>A text such as <c>40001 InvalidCredential: Invalid credential...</c>.</returns>
    public override string ToString() => $"{(int)Code} {Name}: {EnglishDescription ?? ChineseDescription}";
}
