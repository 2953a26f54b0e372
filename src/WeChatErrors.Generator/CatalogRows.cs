using System.Globalization;
using System.Text.RegularExpressions;

namespace WeChatErrors.Generator;

/// <summary>
/// What every catalog file (the WeChat and the WeCom one) shares: the TSV shape (header, one row per line, no tabs, line
/// breaks or surrounding white space in a field) and the rules of the code, name and kind columns. Each parser adds the
/// rules of its own columns.
/// </summary>
internal sealed partial class CatalogRows
{
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

    private readonly string _fileName;
    private readonly Dictionary<int, int> _lineOfCode = [];
    private readonly Dictionary<string, int> _lineOfName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lineOfNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _kinds = new(CatalogParser.KnownKinds, StringComparer.Ordinal);

    /// <summary>Starts reading one file.</summary>
    /// <param name="fileName">The file name used in error messages.</param>
    public CatalogRows(string fileName) => _fileName = fileName;

    /// <summary>Splits the file into rows after checking the header and the shape of every row.</summary>
    /// <param name="tsv">The whole file. LF or CRLF line endings are accepted.</param>
    /// <param name="columns">The header the file must have.</param>
    /// <returns>Each row's 1-based line number and fields, in file order.</returns>
    /// <exception cref="CatalogFormatException">The header or a row is malformed.</exception>
    public IEnumerable<(int LineNumber, string[] Fields)> Read(string tsv, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(tsv);

        var lines = tsv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Length == 0)
        {
            throw Fail(1, "the file is empty; the first line must be the header " + string.Join("\\t", columns) + ".");
        }

        var header = lines[0].Split('\t');
        if (!header.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw Fail(1, $"the header must be '{string.Join("\\t", columns)}', but it is '{lines[0].Replace("\t", "\\t", StringComparison.Ordinal)}'.");
        }

        var rows = new List<(int, string[])>();
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

            rows.Add((lineNumber, fields));
        }

        return rows;
    }

    /// <summary>
    /// Checks the code, the name and the kind of one row: a canonical 32-bit code used once, a PascalCase name used once
    /// (also ignoring case) that follows <see cref="NameRules"/>, a known kind, and <c>Success</c> for code 0 only.
    /// </summary>
    /// <param name="lineNumber">The row's line.</param>
    /// <param name="codeText">The code column.</param>
    /// <param name="name">The name column.</param>
    /// <param name="kind">The kind column.</param>
    /// <param name="note">The note column, which may explain a number suffix.</param>
    /// <returns>The code.</returns>
    /// <exception cref="CatalogFormatException">A rule is broken.</exception>
    public int CheckIdentity(int lineNumber, string codeText, string name, string kind, string note)
    {
        if (!int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            || code.ToString(CultureInfo.InvariantCulture) != codeText)
        {
            throw Fail(lineNumber, $"the code '{codeText}' is not a 32-bit integer in canonical form.");
        }

        if (_lineOfCode.TryGetValue(code, out var firstCodeLine))
        {
            throw Fail(lineNumber, $"the code {code} is already defined on line {firstCodeLine}; codes must be unique.");
        }

        if (!IdentifierPattern().IsMatch(name) || CSharpKeywords.Contains(name))
        {
            throw Fail(lineNumber, $"the name '{name}' of code {code} is not a valid PascalCase C# identifier (letters and digits, starting with an upper-case letter).");
        }

        if (_lineOfName.TryGetValue(name, out var firstNameLine))
        {
            throw Fail(lineNumber, $"the name '{name}' of code {code} is already used on line {firstNameLine}; names must be unique.");
        }

        if (_lineOfNameIgnoringCase.TryGetValue(name, out var firstCaseLine))
        {
            throw Fail(lineNumber, $"the name '{name}' of code {code} differs only in case from the name on line {firstCaseLine}.");
        }

        if (!_kinds.Contains(kind))
        {
            throw Fail(lineNumber, $"the kind '{kind}' of code {code} is not one of: {string.Join(", ", CatalogParser.KnownKinds)}.");
        }

        if ((code == 0) != (kind == "Success"))
        {
            throw Fail(lineNumber, code == 0
                ? "code 0 must have the kind Success."
                : $"only code 0 may have the kind Success, but code {code} has it.");
        }

        var nameProblem = NameRules.Check(name, note);
        if (nameProblem is not null)
        {
            throw Fail(lineNumber, $"the name '{name}' of code {code} {nameProblem}");
        }

        return code;
    }

    /// <summary>Records a row that passed every check, so later rows cannot reuse its code or name.</summary>
    public void Accept(int lineNumber, int code, string name)
    {
        _lineOfCode.Add(code, lineNumber);
        _lineOfName.Add(name, lineNumber);
        _lineOfNameIgnoringCase.Add(name, lineNumber);
    }

    /// <summary>Checks what the whole file must hold: at least one code, and code 0.</summary>
    /// <exception cref="CatalogFormatException">The file has no codes, or no code 0.</exception>
    public void CheckComplete()
    {
        if (_lineOfCode.Count == 0)
        {
            throw Fail(1, "the file has a header but no codes.");
        }

        if (!_lineOfCode.ContainsKey(0))
        {
            throw Fail(1, "code 0 (Success) is missing.");
        }
    }

    /// <summary>Creates the exception for a broken rule, naming the file and the line.</summary>
    public CatalogFormatException Fail(int lineNumber, string message) => new($"{_fileName} line {lineNumber}: {message}");

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
