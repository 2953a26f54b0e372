using System.Globalization;
using System.Text.RegularExpressions;

namespace WeChatErrors.Generator;

/// <summary>Reads and validates <c>wechat-error-codes.tsv</c>.</summary>
public static partial class CatalogParser
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

    // C# keywords cannot be enum members without '@'; PascalCase names never collide with them,
    // but the check keeps a bad edit from producing code that does not compile.
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "value__",
    };

    /// <summary>Parses the TSV text and checks every catalog rule.</summary>
    /// <param name="tsv">The whole file. LF or CRLF line endings are accepted.</param>
    /// <returns>The entries, ordered by code.</returns>
    /// <exception cref="CatalogFormatException">The file breaks a rule; the message names the line and the rule.</exception>
    public static IReadOnlyList<CatalogEntry> Parse(string tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);

        var lines = tsv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Length == 0)
        {
            throw Fail(1, "the file is empty; the first line must be the header " + string.Join("\\t", Columns) + ".");
        }

        var header = lines[0].Split('\t');
        if (!header.SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw Fail(1, $"the header must be '{string.Join("\\t", Columns)}', but it is '{lines[0].Replace("\t", "\\t", StringComparison.Ordinal)}'.");
        }

        var entries = new List<CatalogEntry>();
        var lineOfCode = new Dictionary<int, int>();
        var lineOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineOfNameIgnoringCase = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var kinds = new HashSet<string>(KnownKinds, StringComparer.Ordinal);

        for (var i = 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i];
            if (line.Length == 0)
            {
                if (i == lines.Length - 1)
                {
                    break; // the final newline
                }

                throw Fail(lineNumber, "empty line; remove it.");
            }

            var fields = line.Split('\t');
            if (fields.Length != header.Length)
            {
                throw Fail(lineNumber, $"expected {header.Length} tab-separated fields but found {fields.Length}. Fields must not contain tabs.");
            }

            foreach (var field in fields)
            {
                if (field.IndexOfAny(['\r', '\n']) >= 0)
                {
                    throw Fail(lineNumber, "a field contains a carriage return; fields must not contain line breaks.");
                }

                if (field.Length != field.Trim().Length)
                {
                    throw Fail(lineNumber, $"the field '{field}' has leading or trailing white space.");
                }
            }

            if (!int.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
                || code.ToString(CultureInfo.InvariantCulture) != fields[0])
            {
                throw Fail(lineNumber, $"the code '{fields[0]}' is not a 32-bit integer in canonical form.");
            }

            if (lineOfCode.TryGetValue(code, out var firstCodeLine))
            {
                throw Fail(lineNumber, $"the code {code} is already defined on line {firstCodeLine}; codes must be unique.");
            }

            var name = fields[1];
            if (!IdentifierPattern().IsMatch(name) || CSharpKeywords.Contains(name))
            {
                throw Fail(lineNumber, $"the name '{name}' of code {code} is not a valid PascalCase C# identifier (letters and digits, starting with an upper-case letter).");
            }

            if (lineOfName.TryGetValue(name, out var firstNameLine))
            {
                throw Fail(lineNumber, $"the name '{name}' of code {code} is already used on line {firstNameLine}; names must be unique.");
            }

            if (lineOfNameIgnoringCase.TryGetValue(name, out var firstCaseLine))
            {
                throw Fail(lineNumber, $"the name '{name}' of code {code} differs only in case from the name on line {firstCaseLine}.");
            }

            var kind = fields[2];
            if (!kinds.Contains(kind))
            {
                throw Fail(lineNumber, $"the kind '{kind}' of code {code} is not one of: {string.Join(", ", KnownKinds)}.");
            }

            if ((code == 0) != (kind == "Success"))
            {
                throw Fail(lineNumber, code == 0
                    ? "code 0 must have the kind Success."
                    : $"only code 0 may have the kind Success, but code {code} has it.");
            }

            var nameProblem = NameRules.Check(name, fields[7]);
            if (nameProblem is not null)
            {
                throw Fail(lineNumber, $"the name '{name}' of code {code} {nameProblem}");
            }

            if (fields[3].Length == 0)
            {
                throw Fail(lineNumber, $"code {code} has no Chinese (zh) description; write one from the official English errmsg and set zh_from to '{ChineseWritten}'.");
            }

            if (fields[4].Length != 0 && fields[4] != ChineseWritten)
            {
                throw Fail(lineNumber, $"the zh_from '{fields[4]}' of code {code} must be empty (from a source) or '{ChineseWritten}'.");
            }

            if (fields[5].Length == 0)
            {
                throw Fail(lineNumber, $"code {code} has no English (en) description.");
            }

            if (fields[6].Length == 0)
            {
                throw Fail(lineNumber, $"code {code} has no sources.");
            }

            lineOfCode.Add(code, lineNumber);
            lineOfName.Add(name, lineNumber);
            lineOfNameIgnoringCase.Add(name, lineNumber);
            entries.Add(new CatalogEntry(code, name, kind, fields[3], fields[4], fields[5], fields[6], fields[7], lineNumber));
        }

        if (entries.Count == 0)
        {
            throw Fail(1, "the file has a header but no codes.");
        }

        if (!lineOfCode.ContainsKey(0))
        {
            throw Fail(1, "code 0 (Success) is missing.");
        }

        entries.Sort((a, b) => a.Code.CompareTo(b.Code));
        return entries;
    }

    private static CatalogFormatException Fail(int lineNumber, string message) =>
        new($"{FileName} line {lineNumber}: {message}");

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
