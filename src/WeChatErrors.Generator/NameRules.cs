using System.Text.RegularExpressions;

namespace WeChatErrors.Generator;

/// <summary>
/// The rules an enum member name of the catalog must follow beyond being a C# identifier: a whole phrase,
/// no repeated word, one casing for <c>WeChat</c>, <c>WeCom</c> and <c>MiniProgram</c>, and no unexplained number suffix.
/// </summary>
public static partial class NameRules
{
    /// <summary>Words that cannot end a whole phrase: a name ending in one of them was cut off mid-phrase.</summary>
    public static readonly IReadOnlyList<string> DanglingLastWords =
    [
        "Can", "Does", "Must", "Be", "Not", "Or", "And", "Of", "To", "With", "For", "In", "The", "A", "Is", "Are", "Has", "Have",
    ];

    /// <summary>Spellings that drift from the catalog's casing, each with the spelling to use instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> BannedSpellings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Wechat"] = "WeChat",
        ["Miniprogram"] = "MiniProgram",
        ["Weapp"] = "MiniProgram",
        ["WeApp"] = "MiniProgram",
        ["Wecom"] = "WeCom",
    };

    /// <summary>
    /// Words after which a trailing number is part of the meaning (<c>GreaterThan20</c>, <c>Since2020</c>), or that carry
    /// a number themselves (<c>Md5</c>). Any other trailing number is a suffix that tells two names apart and needs a note.
    /// </summary>
    public static readonly IReadOnlyList<string> WordsBeforeMeaningfulNumber =
    [
        "Than", "Since", "Over", "Exceed", "Exceeds", "Exceeded", "Between", "And", "Max", "Least", "Most", "Within", "Under",
        "Md", "Sha", "Base", "Utf", "Http", "V",
    ];

    private static readonly HashSet<string> Dangling = new(DanglingLastWords, StringComparer.Ordinal);

    private static readonly HashSet<string> BeforeNumber = new(WordsBeforeMeaningfulNumber, StringComparer.Ordinal);

    /// <summary>Splits a PascalCase name into its words and numbers: <c>MaxCount20</c> gives <c>Max</c>, <c>Count</c>, <c>20</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The words, in order.</returns>
    public static IReadOnlyList<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return WordPattern().Matches(name).Select(m => m.Value).ToList();
    }

    /// <summary>Returns what is wrong with a name, or <see langword="null"/> when it follows every rule.</summary>
    /// <param name="name">The enum member name, already known to be a PascalCase identifier.</param>
    /// <param name="note">The row's note; a number suffix is allowed only when the note explains it.</param>
    /// <returns>A sentence that names the broken rule, or <see langword="null"/>.</returns>
    public static string? Check(string name, string note)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(note);

        foreach (var (banned, spelling) in BannedSpellings)
        {
            if (Regex.IsMatch(name, banned + "(?![a-z])", RegexOptions.CultureInvariant))
            {
                return $"spells '{banned}'; write '{spelling}'.";
            }
        }

        var words = Words(name);
        for (var i = 1; i < words.Count; i++)
        {
            if (string.Equals(words[i], words[i - 1], StringComparison.OrdinalIgnoreCase))
            {
                return $"repeats the word '{words[i]}'.";
            }
        }

        var pairs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < words.Count; i++)
        {
            if (!pairs.Add(words[i - 1] + words[i]))
            {
                return $"repeats the words '{words[i - 1] + words[i]}'.";
            }
        }

        var last = words[^1];
        if (Dangling.Contains(last))
        {
            return $"ends with '{last}', so the phrase is cut off; write the whole phrase.";
        }

        if (char.IsAsciiDigit(last[0]) && note.Length == 0 && (words.Count < 2 || !BeforeNumber.Contains(words[^2])))
        {
            return $"ends with the number suffix '{last}' but has no note; tell the names apart by what differs, or say in the note why nothing does.";
        }

        return null;
    }

    [GeneratedRegex("[A-Z][a-z]*|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
