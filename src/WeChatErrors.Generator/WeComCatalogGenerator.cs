using System.Globalization;
using System.Text;

namespace WeChatErrors.Generator;

/// <summary>
/// Turns <c>wecom-error-codes.tsv</c> into the generated C# sources of the WeCom catalog: the <c>WeComErrorCode</c> enum and
/// the <c>WeComErrorCodes</c> lookups. The output depends only on the TSV text: the same input always gives the same bytes.
/// </summary>
public static class WeComCatalogGenerator
{
    /// <summary>The TSV path relative to the repository root.</summary>
    public const string TsvPath = "src/WeChatErrors/ErrorCodes/wecom-error-codes.tsv";

    /// <summary>Validates the TSV and generates every file.</summary>
    /// <param name="tsv">The text of <c>wecom-error-codes.tsv</c>.</param>
    /// <returns>The generated files, in a fixed order.</returns>
    /// <exception cref="CatalogFormatException">The TSV breaks a catalog rule.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(string tsv)
    {
        var entries = WeComCatalogParser.Parse(tsv);
        return
        [
            new GeneratedFile(CatalogGenerator.OutputFolder + "/WeComErrorCode.g.cs", GenerateEnum(entries)),
            new GeneratedFile(CatalogGenerator.OutputFolder + "/WeComErrorCodes.g.cs", GenerateLookups(entries)),
        ];
    }

    private static string GenerateEnum(IReadOnlyList<WeComCatalogEntry> entries)
    {
        var w = new CodeWriter();
        w.Header(TsvPath);
        w.Line("namespace WeChatErrors;");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The WeCom (企业微信) error codes (<c>errcode</c>) of the official 全局错误码 page: {entries.Count.ToString(CultureInfo.InvariantCulture)} codes. A code space of");
        w.Line("/// its own, apart from <see cref=\"WeChatErrorCode\"/>: the same number often means something else (40001 is a wrong corpsecret here).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Each member documents the official Chinese description, an English description written for the library (WeCom publishes no");
        w.Line("/// English table), the page's troubleshooting text where it gives one, and the <see cref=\"WeChatErrorKind\"/> of the code.");
        w.Line("/// WeCom can return codes that are not listed here: cast them from <see cref=\"int\"/> as usual, and use");
        w.Line("/// <see cref=\"WeComErrorCodes.TryGetInfo(int, out WeComErrorInfo)\"/> to tell known codes from unknown ones.");
        w.Line("/// </remarks>");
        w.Line("public enum WeComErrorCode : int");
        w.Line("{");
        w.EnumMembers(entries, e => (e.Code, e.Name, e.Chinese, e.English), Remarks);
        return w.ToString();
    }

    private static string Remarks(WeComCatalogEntry e)
    {
        var remarks = new StringBuilder();
        remarks.Append("Kind: <see cref=\"WeChatErrorKind.").Append(e.Kind).Append("\"/>. The English text was written for the library.");
        if (e.Hint.Length > 0)
        {
            remarks.Append(" 排查方法: ").Append(CodeWriter.Xml(e.Hint));
        }

        if (e.HelpUrl.Length > 0)
        {
            remarks.Append(" Help: <see href=\"").Append(CodeWriter.Xml(e.HelpUrl).Replace("\"", "&quot;", StringComparison.Ordinal)).Append("\"/>.");
        }

        CodeWriter.AppendNote(remarks, e.Note);

        return remarks.ToString();
    }

    private static string GenerateLookups(IReadOnlyList<WeComCatalogEntry> entries)
    {
        var w = new CodeWriter();
        w.BeginLookups(TsvPath, "WeComErrorCodes", entries, e => (e.Code, e.Name, e.Chinese, e.English));
        w.IndexSwitch(entries, "string?", "HintAt", "the troubleshooting text, or null where the page gives none", e => LiteralOrNull(e.Hint), "null");
        w.IndexSwitch(entries, "string?", "HelpUrlAt", "the help link, or null where there is none", e => LiteralOrNull(e.HelpUrl), "null");
        w.EndLookups(entries, e => e.Kind);
        return w.ToString();
    }

    private static string LiteralOrNull(string text) => text.Length == 0 ? "null" : CodeWriter.Literal(text);
}
