using System.Text.RegularExpressions;

namespace WeChatErrors.Tests.ErrorCodes;

/// <summary>Guards the public names of the catalog: whole phrases, no repeated word, one casing, no unexplained suffix.</summary>
public partial class CatalogNameTests
{
    private static readonly string[] DanglingLastWords =
        ["Can", "Does", "Must", "Be", "Not", "Or", "And", "Of", "To", "With", "For", "In", "The", "A", "Is", "Are", "Has", "Have"];

    // Words after which a trailing number belongs to the meaning (GreaterThan20, Since2020, Md5).
    private static readonly string[] WordsBeforeMeaningfulNumber =
        ["Than", "Since", "Over", "Exceed", "Exceeds", "Exceeded", "Between", "And", "Max", "Least", "Most", "Within", "Under", "Md", "Sha", "Base", "Utf", "Http", "V"];

    private static IEnumerable<string> Names() => Enum.GetNames<WeChatErrorCode>();

    private static string[] Words(string name) => WordPattern().Matches(name).Select(m => m.Value).ToArray();

    [Fact]
    public void Names_NoWordIsRepeated()
    {
        var failures = new List<string>();
        foreach (var name in Names())
        {
            var words = Words(name);
            for (var i = 1; i < words.Length; i++)
            {
                if (string.Equals(words[i], words[i - 1], StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{name}: '{words[i]}' twice in a row");
                }
            }

            var pairs = Enumerable.Range(1, Math.Max(0, words.Length - 1)).Select(i => words[i - 1] + words[i]).ToList();
            foreach (var pair in pairs.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                failures.Add($"{name}: '{pair.Key}' twice");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("Wechat")]
    [InlineData("Miniprogram")]
    [InlineData("Weapp")]
    [InlineData("WeApp")]
    public void Names_DoNotUseLowerCaseSpelling(string spelling)
    {
        var offenders = Names().Where(n => Regex.IsMatch(n, spelling + "(?![a-z])")).ToList();
        Assert.True(offenders.Count == 0, $"'{spelling}' in: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Names_DoNotEndMidPhrase()
    {
        var offenders = Names().Where(n => DanglingLastWords.Contains(Words(n)[^1], StringComparer.Ordinal)).ToList();
        Assert.True(offenders.Count == 0, "cut off: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Names_NumberSuffix_HasANote()
    {
        var offenders = TestRepository.Catalog()
            .Where(r => r.Note.Length == 0)
            .Select(r => (r.Code, Words: Words(r.Name)))
            .Where(r => char.IsAsciiDigit(r.Words[^1][0]) && (r.Words.Length < 2 || !WordsBeforeMeaningfulNumber.Contains(r.Words[^2], StringComparer.Ordinal)))
            .Select(r => $"{r.Code} {string.Concat(r.Words)}")
            .ToList();
        Assert.True(offenders.Count == 0, "number suffix without a note: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Names_WereNotCutOffByTheOldSevenWordLimit()
    {
        // The review's cut-off names that lost their negation read as the opposite.
        Assert.Equal("MediaUsedByIvrOrMenuCannotBeDeleted", ((WeChatErrorCode)45060).ToString());
        Assert.DoesNotContain(Names(), n => n.EndsWith("Can", StringComparison.Ordinal) || n.EndsWith("CannotBe", StringComparison.Ordinal));
    }

    [GeneratedRegex("[A-Z][a-z]*|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
