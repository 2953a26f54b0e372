namespace WeChatErrors.Generator;

/// <summary>One row of <c>wecom-error-codes.tsv</c>: a WeCom (企业微信) error code and what the catalog says about it.</summary>
/// <param name="Code">The numeric <c>errcode</c>.</param>
/// <param name="Name">The C# identifier of the <c>WeComErrorCode</c> member.</param>
/// <param name="Kind">The name of the <c>WeChatErrorKind</c> member (the kinds are shared with the WeChat catalog).</param>
/// <param name="Chinese">The official Chinese description; never empty.</param>
/// <param name="English">The English description written for the library (WeCom publishes no English table); never empty.</param>
/// <param name="Hint">The official troubleshooting text (排查方法) in Chinese, or an empty string where the page gives none.</param>
/// <param name="HelpUrl">The official help section of the code, or an empty string where there is none.</param>
/// <param name="Note">A reviewer's note about the name, the kind or the wording, or an empty string.</param>
/// <param name="LineNumber">The 1-based line of the row in the TSV file, for error messages.</param>
public sealed record WeComCatalogEntry(
    int Code,
    string Name,
    string Kind,
    string Chinese,
    string English,
    string Hint,
    string HelpUrl,
    string Note,
    int LineNumber);
