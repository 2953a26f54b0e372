using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WeChatErrors.Generator;

namespace WeChatErrors.Tests.ErrorCodes;

public partial class CatalogDataTests
{
    // The 1,906 codes of the shared data, plus the codes seen only in real responses (sources "observed": 45109, 268488001),
    // plus the newer codes added from public documentation (ErrorCodes/README.md, "Newer codes").
    private static readonly int[] ObservedOnly = [45109, 268488001];
    private static readonly int[] NewerCodes = [10080000];
    private static readonly int ExpectedCodeCount = 1906 + ObservedOnly.Length + NewerCodes.Length;

    // conflicts.md section B: the 2017 table had copy-paste errors that the current official page fixed.
    // For these codes the catalog keeps the current official wording instead of the 2017 text.
    private static readonly Dictionary<int, string> CurrentOfficialWording = new()
    {
        [40017] = "不合法的按钮类型",
        [40029] = "无效的 oauth_code",
        [40120] = "子 button 类型错误",
    };

    private static IEnumerable<(int Code, string Chinese)> Official2017Table()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ErrorCodes", "official-2017-table.tsv");
        foreach (var line in File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split('\t');
            yield return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), fields[1]);
        }
    }

    // The 2017 table uses half-width punctuation and no spaces around Latin words; the current page uses
    // full-width punctuation and spaces. Only those differences are ignored.
    private static string NormalizePunctuationAndSpace(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            sb.Append(c switch
            {
                '，' => ',',
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '；' => ';',
                '！' => '!',
                '？' => '?',
                '“' or '”' => '"',
                _ => c,
            });
        }

        return sb.ToString();
    }

    [Fact]
    public void OfficialTable2017_EveryCode_IsMemberWithOfficialChineseText()
    {
        var rows = Official2017Table().ToList();
        Assert.Equal(150, rows.Count);

        var failures = new List<string>();
        foreach (var (code, chinese2017) in rows)
        {
            if (!Enum.IsDefined(typeof(WeChatErrorCode), code) || !WeChatErrorCodes.TryGetInfo(code, out var info))
            {
                failures.Add($"{code}: not in the catalog");
                continue;
            }

            var expected = CurrentOfficialWording.TryGetValue(code, out var current) ? current : chinese2017;
            if (NormalizePunctuationAndSpace(info.ChineseDescription ?? string.Empty) != NormalizePunctuationAndSpace(expected))
            {
                failures.Add($"{code}: expected '{expected}' but the catalog has '{info.ChineseDescription}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Catalog_EveryRow_IsEnumMemberWithSameNameDescriptionsAndKind()
    {
        var catalog = TestRepository.Catalog();
        Assert.Equal(ExpectedCodeCount, catalog.Count);
        Assert.Equal(WeChatErrorCodes.KnownCodeCount, catalog.Count);

        foreach (var row in catalog)
        {
            Assert.True(WeChatErrorCodes.TryGetInfo(row.Code, out var info), $"{row.Code} is not known");
            Assert.Equal(row.Name, ((WeChatErrorCode)row.Code).ToString());
            Assert.Equal(row.Name, info.Name);
            Assert.Equal((WeChatErrorCode)row.Code, info.Code);
            Assert.Equal(row.Kind, info.Kind.ToString());
            Assert.Equal(row.Chinese.Length == 0 ? null : row.Chinese, info.ChineseDescription);
            Assert.Equal(row.English.Length == 0 ? null : row.English, info.EnglishDescription);
        }
    }

    [Fact]
    public void EnumMembers_Names_AreUniqueValidIdentifiers()
    {
        var names = Enum.GetNames<WeChatErrorCode>();
        Assert.Equal(ExpectedCodeCount, names.Length);
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(PascalCaseIdentifier(), name));
        Assert.DoesNotContain(names, name => Regex.IsMatch(name, "^Error[0-9]+$"));
    }

    [Fact]
    public void EnumMembers_Values_AreUnique()
    {
        var values = typeof(WeChatErrorCode).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (int)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(ExpectedCodeCount, values.Count);
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public void EnumMembers_Descriptions_BothLanguagesPresentForEveryCode()
    {
        foreach (var code in Enum.GetValues<WeChatErrorCode>())
        {
            Assert.True(WeChatErrorCodes.TryGetInfo((int)code, out var info));
            Assert.False(string.IsNullOrWhiteSpace(info.EnglishDescription), $"{code} has no English description");
            Assert.False(string.IsNullOrWhiteSpace(info.ChineseDescription), $"{code} has no Chinese description");
        }
    }

    [Fact]
    public void GetDescription_ChineseCulture_AnswersChineseForEveryCode()
    {
        var zhCn = CultureInfo.GetCultureInfo("zh-CN");
        var failures = new List<string>();
        foreach (var code in Enum.GetValues<WeChatErrorCode>())
        {
            var description = code.GetDescription(zhCn);
            WeChatErrorCodes.TryGetInfo((int)code, out var info);
            if (description != info.ChineseDescription || !description.Any(IsCjk))
            {
                failures.Add($"{(int)code} {code}: '{description}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Catalog_ChineseFromColumn_MarksWrittenTextsAndKeepsSourcedOnes()
    {
        var catalog = TestRepository.Catalog();
        var written = catalog.Where(r => r.IsChineseWritten).ToList();

        // Most codes of the open-platform table have only an English errmsg, so most Chinese texts are written.
        Assert.InRange(written.Count, 1000, catalog.Count - 150);

        // A written text never replaces the 2017 official Chinese text.
        var official2017 = Official2017Table().Select(r => r.Code).ToHashSet();
        Assert.DoesNotContain(written, r => official2017.Contains(r.Code));
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCaseIdentifier();
}
