namespace WeChatErrors.Generator;

/// <summary>Reads and validates <c>wecom-error-codes.tsv</c>, the WeCom (企业微信) catalog.</summary>
/// <remarks>
/// The code, name and kind columns follow the rules of the WeChat catalog (<see cref="CatalogParser"/>); the WeCom file has
/// no <c>zh_from</c> or <c>sources</c> (every row comes from the official 全局错误码 page) and adds the page's troubleshooting
/// text and help link.
/// </remarks>
public static class WeComCatalogParser
{
    /// <summary>The file name used in error messages.</summary>
    public const string FileName = "wecom-error-codes.tsv";

    /// <summary>The columns of the file, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "name", "kind", "zh", "en", "hint_zh", "help_url", "note"];

    /// <summary>Parses the TSV text and checks every catalog rule.</summary>
    /// <param name="tsv">The whole file. LF or CRLF line endings are accepted.</param>
    /// <returns>The entries, ordered by code.</returns>
    /// <exception cref="CatalogFormatException">The file breaks a rule; the message names the line and the rule.</exception>
    public static IReadOnlyList<WeComCatalogEntry> Parse(string tsv)
    {
        var rows = new CatalogRows(FileName);
        var entries = new List<WeComCatalogEntry>();
        foreach (var (lineNumber, fields) in rows.Read(tsv, Columns))
        {
            var code = rows.CheckIdentity(lineNumber, fields[0], fields[1], fields[2], fields[7]);
            if (fields[3].Length == 0)
            {
                throw rows.Fail(lineNumber, $"code {code} has no Chinese (zh) description.");
            }

            if (fields[4].Length == 0)
            {
                throw rows.Fail(lineNumber, $"code {code} has no English (en) description.");
            }

            if (fields[5] == "-")
            {
                throw rows.Fail(lineNumber, $"the hint_zh of code {code} is '-'; leave it empty where the page has no troubleshooting text.");
            }

            if (fields[6].Length != 0
                && (!Uri.TryCreate(fields[6], UriKind.Absolute, out var help) || help.Scheme != Uri.UriSchemeHttps))
            {
                throw rows.Fail(lineNumber, $"the help_url '{fields[6]}' of code {code} is not an absolute https URL.");
            }

            rows.Accept(lineNumber, code, fields[1]);
            entries.Add(new WeComCatalogEntry(code, fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], lineNumber));
        }

        rows.CheckComplete();
        entries.Sort((a, b) => a.Code.CompareTo(b.Code));
        return entries;
    }
}
