namespace WeChatErrors.Generator;

/// <summary>Reads and validates <c>wechat-error-codes.tsv</c>.</summary>
public static class CatalogParser
{
    /// <summary>The file name used in error messages.</summary>
    public const string FileName = "wechat-error-codes.tsv";

    /// <summary>The columns of the file, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "name", "kind", "zh", "zh_from", "en", "sources", "note"];

    /// <summary>The <c>zh_from</c> value of a Chinese description written for the library from the official English errmsg.</summary>
    public const string ChineseWritten = "written";

    /// <summary>The member names of <c>WeChatErrorKind</c>, the only values allowed in the <c>kind</c> column.</summary>
    public static readonly IReadOnlyList<string> KnownKinds =
    [
        "Other", "Success", "Transient", "RateLimit", "DailyQuota", "AccessToken", "Configuration",
        "IpNotWhitelisted", "Permission", "InvalidRequest", "NotFound", "RecipientState",
    ];

    /// <summary>Parses the TSV text and checks every catalog rule.</summary>
    /// <param name="tsv">The whole file. LF or CRLF line endings are accepted.</param>
    /// <returns>The entries, ordered by code.</returns>
    /// <exception cref="CatalogFormatException">The file breaks a rule; the message names the line and the rule.</exception>
    public static IReadOnlyList<CatalogEntry> Parse(string tsv)
    {
        var rows = new CatalogRows(FileName);
        var entries = new List<CatalogEntry>();
        foreach (var (lineNumber, fields) in rows.Read(tsv, Columns))
        {
            var code = rows.CheckIdentity(lineNumber, fields[0], fields[1], fields[2], fields[7]);
            if (fields[3].Length == 0)
            {
                throw rows.Fail(lineNumber, $"code {code} has no Chinese (zh) description; write one from the official English errmsg and set zh_from to '{ChineseWritten}'.");
            }

            if (fields[4].Length != 0 && fields[4] != ChineseWritten)
            {
                throw rows.Fail(lineNumber, $"the zh_from '{fields[4]}' of code {code} must be empty (from a source) or '{ChineseWritten}'.");
            }

            if (fields[5].Length == 0)
            {
                throw rows.Fail(lineNumber, $"code {code} has no English (en) description.");
            }

            if (fields[6].Length == 0)
            {
                throw rows.Fail(lineNumber, $"code {code} has no sources.");
            }

            rows.Accept(lineNumber, code, fields[1]);
            entries.Add(new CatalogEntry(code, fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], lineNumber));
        }

        rows.CheckComplete();
        entries.Sort((a, b) => a.Code.CompareTo(b.Code));
        return entries;
    }
}
