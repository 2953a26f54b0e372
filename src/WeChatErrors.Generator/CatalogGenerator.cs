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
        WriteHeader(w);
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
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (i > 0)
            {
                w.Line();
            }

            w.Line("    /// <summary>");
            w.Line("    /// <para>" + Xml(e.Chinese) + "</para>");
            w.Line("    /// <para>" + Xml(e.English) + "</para>");
            w.Line("    /// </summary>");
            var remarks = new StringBuilder();
            remarks.Append("Kind: <see cref=\"WeChatErrorKind.").Append(e.Kind).Append("\"/>. Sources: ")
                .Append(Xml(e.Sources.Replace(",", ", ", StringComparison.Ordinal))).Append('.');
            if (e.IsChineseWritten)
            {
                remarks.Append(" The Chinese text was written for the library from the official English errmsg.");
            }
            if (e.Note.Length > 0)
            {
                remarks.Append(' ').Append(Xml(e.Note));
            }

            w.Line("    /// <remarks>" + remarks + "</remarks>");
            w.Line($"    {e.Name} = {e.Code.ToString(CultureInfo.InvariantCulture)},");
        }

        w.Line("}");
        return w.ToString();
    }

    private static string GenerateLookups(IReadOnlyList<CatalogEntry> entries)
    {
        var w = new CodeWriter();
        WriteHeader(w);
        w.Line("#nullable enable");
        w.Line();
        w.Line("namespace WeChatErrors;");
        w.Line();
        w.Line("public static partial class WeChatErrorCodes");
        w.Line("{");
        w.Line("    /// <summary>The number of codes in the catalog.</summary>");
        w.Line($"    internal const int KnownCodeCount = {entries.Count.ToString(CultureInfo.InvariantCulture)};");
        w.Line();

        w.Line("    /// <summary>Returns the position of <paramref name=\"code\"/> in the catalog (ordered by code), or -1 when the code is unknown.</summary>");
        w.Line("    private static int IndexOf(int code) => code switch");
        w.Line("    {");
        for (var i = 0; i < entries.Count; i++)
        {
            w.Line($"        {entries[i].Code.ToString(CultureInfo.InvariantCulture)} => {i.ToString(CultureInfo.InvariantCulture)},");
        }

        w.Line("        _ => -1,");
        w.Line("    };");

        WriteIndexSwitch(w, entries, "string", "NameAt", "the enum member name", e => Literal(e.Name), "\"\"");
        WriteIndexSwitch(w, entries, "string?", "ChineseAt", "the Chinese description, or null for an unknown index", e => Literal(e.Chinese), "null");
        WriteIndexSwitch(w, entries, "string?", "EnglishAt", "the English description, or null for an unknown index", e => Literal(e.English), "null");
        WriteIndexSwitch(w, entries, "WeChatErrorKind", "KindAt", "the kind", e => "WeChatErrorKind." + e.Kind, "WeChatErrorKind.Other");

        w.Line("}");
        return w.ToString();
    }

    private static void WriteIndexSwitch(
        CodeWriter w,
        IReadOnlyList<CatalogEntry> entries,
        string type,
        string method,
        string what,
        Func<CatalogEntry, string> value,
        string fallback)
    {
        w.Line();
        w.Line($"    /// <summary>Returns {what} of the code at <paramref name=\"index\"/> (a result of <see cref=\"IndexOf(int)\"/>).</summary>");
        w.Line($"    private static {type} {method}(int index) => index switch");
        w.Line("    {");
        for (var i = 0; i < entries.Count; i++)
        {
            w.Line($"        {i.ToString(CultureInfo.InvariantCulture)} => {value(entries[i])},");
        }

        w.Line($"        _ => {fallback},");
        w.Line("    };");
    }

    private static void WriteHeader(CodeWriter w)
    {
        w.Line("// <auto-generated/>");
        w.Line($"// Generated by src/WeChatErrors.Generator from {TsvPath}.");
        w.Line($"// Do not edit by hand: change the TSV, then run `{Command}`.");
        w.Line();
    }

    /// <summary>Escapes text for an XML documentation comment.</summary>
    internal static string Xml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Writes text as a regular C# string literal, escaping everything that is not plain printable text.</summary>
    internal static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    private sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();

        public void Line(string line = "") => _text.Append(line).Append('\n');

        public override string ToString() => _text.ToString();
    }
}
