using System.Globalization;
using System.Text;

namespace WeChatErrors.Generator;

/// <summary>
/// Turns <c>wechat-error-codes.tsv</c> into the generated C# sources of the library.
/// The output depends only on the TSV text: the same input always gives the same bytes.
/// </summary>
public static class CatalogGenerator
{
    /// <summary>The TSV path relative to the repository root.</summary>
    public const string TsvPath = "src/WeChatErrors/ErrorCodes/wechat-error-codes.tsv";

    /// <summary>The folder, relative to the repository root, that receives the generated files.</summary>
    public const string OutputFolder = "src/WeChatErrors/Generated";

    /// <summary>The command that regenerates the files, quoted in their header and in error messages.</summary>
    public const string Command = "dotnet run --project src/WeChatErrors.Generator";

    /// <summary>Validates the TSV and generates every file.</summary>
    /// <param name="tsv">The text of <c>wechat-error-codes.tsv</c>.</param>
    /// <returns>The generated files, in a fixed order.</returns>
    /// <exception cref="CatalogFormatException">The TSV breaks a catalog rule.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(string tsv)
    {
        var entries = CatalogParser.Parse(tsv);
        return
        [
            new GeneratedFile(OutputFolder + "/WeChatErrorCode.g.cs", GenerateEnum(entries)),
            new GeneratedFile(OutputFolder + "/WeChatErrorCodes.g.cs", GenerateLookups(entries)),
        ];
    }

    private static string GenerateEnum(IReadOnlyList<CatalogEntry> entries)
    {
        var w = new CodeWriter();
        w.Header(TsvPath);
        w.Line("namespace WeChatErrors;");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The WeChat error codes (<c>errcode</c>) known to the catalog: {entries.Count.ToString(CultureInfo.InvariantCulture)} codes from the official");
        w.Line("/// 公众号, open-platform and API tables and from widely used SDKs.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Each member documents the Chinese and the English description and the <see cref=\"WeChatErrorKind\"/> of the code.");
        w.Line("/// WeChat can return codes that are not listed here: cast them from <see cref=\"int\"/> as usual, and use");
        w.Line("/// <see cref=\"WeChatErrorCodes.TryGetInfo(int, out WeChatErrorInfo)\"/> to tell known codes from unknown ones.");
        w.Line("/// </remarks>");
        w.Line("public enum WeChatErrorCode : int");
        w.Line("{");
        w.EnumMembers(entries, e => (e.Code, e.Name, e.Chinese, e.English), Remarks);
        return w.ToString();
    }

    private static string Remarks(CatalogEntry e)
    {
        var remarks = new StringBuilder();
        remarks.Append("Kind: <see cref=\"WeChatErrorKind.").Append(e.Kind).Append("\"/>. Sources: ")
            .Append(CodeWriter.Xml(e.Sources.Replace(",", ", ", StringComparison.Ordinal))).Append('.');
        if (e.IsChineseWritten)
        {
            remarks.Append(" The Chinese text was written for the library from the official English errmsg.");
        }
        CodeWriter.AppendNote(remarks, e.Note);

        return remarks.ToString();
    }

    private static string GenerateLookups(IReadOnlyList<CatalogEntry> entries)
    {
        var w = new CodeWriter();
        w.BeginLookups(TsvPath, "WeChatErrorCodes", entries, e => (e.Code, e.Name, e.Chinese, e.English));
        w.EndLookups(entries, e => e.Kind);
        return w.ToString();
    }
}
