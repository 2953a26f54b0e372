namespace WeChatErrors.Generator;

/// <summary>One row of <c>wechat-error-codes.tsv</c>: a WeChat error code and what the catalog says about it.</summary>
/// <param name="Code">The numeric <c>errcode</c>.</param>
/// <param name="Name">The C# identifier of the enum member.</param>
/// <param name="Kind">The name of the <c>WeChatErrorKind</c> member.</param>
/// <param name="Chinese">The Chinese description; never empty.</param>
/// <param name="ChineseFrom">
/// Where the Chinese description comes from: an empty string when a source gives it, or
/// <see cref="CatalogParser.ChineseWritten"/> when it was written for the library from the official English errmsg.
/// </param>
/// <param name="English">The English description; never empty.</param>
/// <param name="Sources">The comma-separated source tags the row was taken from.</param>
/// <param name="Note">A reviewer's note about the name, the kind or the wording, or an empty string.</param>
/// <param name="LineNumber">The 1-based line of the row in the TSV file, for error messages.</param>
public sealed record CatalogEntry(
    int Code,
    string Name,
    string Kind,
    string Chinese,
    string ChineseFrom,
    string English,
    string Sources,
    string Note,
    int LineNumber)
{
    /// <summary>Gets a value indicating whether the Chinese description was written for the library rather than taken from a source.</summary>
    public bool IsChineseWritten => ChineseFrom == CatalogParser.ChineseWritten;
}
