using System.Text.RegularExpressions;
using WeChatErrors.Generator;

namespace WeChatErrors.Tests.ErrorCodes;

/// <summary>Guards of the WeCom table, as for WeChat: every row is a member, names are whole and unique, kinds follow the rules.</summary>
public partial class WeComCatalogTests
{
    private static IReadOnlyList<WeComCatalogEntry> Catalog() => WeComCatalogParser.Parse(TestRepository.ReadText(WeComCatalogGenerator.TsvPath));

    /// <summary>
    /// The official 全局错误码 page (document/path/90313) as crawled for the shared data: per code the description, the
    /// troubleshooting text (<c>-</c> for none) and the help link.
    /// </summary>
    private static Dictionary<int, (string Chinese, string Hint, string HelpUrl)> OfficialPage() =>
        TestRepository.ReadText("tests/WeChatErrors.Tests/ErrorCodes/wecom-official-codes.tsv")
            .Split('\n').Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f => (f[1], f[2] == "-" ? string.Empty : f[2], f[3]));

    [Fact]
    public void OfficialPage_EveryOneOfIts1251Codes_IsAMember()
    {
        var official = OfficialPage();
        Assert.Equal(1251, official.Count);
        Assert.Equal(1251, WeComErrorCodes.KnownCodeCount);

        var missing = official.Keys.Where(code => !Enum.IsDefined((WeComErrorCode)code) || !WeComErrorCodes.TryGetInfo(code, out _)).ToList();
        Assert.True(missing.Count == 0, "not in the catalog: " + string.Join(", ", missing));
    }

    [Fact]
    public void Catalog_EveryRow_HasTheOfficialChineseTroubleshootingTextAndLink()
    {
        var official = OfficialPage();
        var failures = new List<string>();
        foreach (var row in Catalog())
        {
            if (!official.TryGetValue(row.Code, out var page))
            {
                failures.Add($"{row.Code}: not on the official page");
            }
            else if ((row.Chinese, row.Hint, row.HelpUrl) != page)
            {
                failures.Add($"{row.Code}: the catalog differs from the page ('{row.Chinese}' / '{page.Chinese}')");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Catalog_EveryRow_IsEnumMemberWithSameNameTextsAndKind()
    {
        var catalog = Catalog();
        Assert.Equal(WeComErrorCodes.KnownCodeCount, catalog.Count);
        Assert.Equal(catalog.Count, Enum.GetValues<WeComErrorCode>().Length);

        foreach (var row in catalog)
        {
            Assert.True(WeComErrorCodes.TryGetInfo(row.Code, out var info), $"{row.Code} is not known");
            Assert.Equal(row.Name, ((WeComErrorCode)row.Code).ToString());
            Assert.Equal(row.Name, info.Name);
            Assert.Equal(row.Kind, info.Kind.ToString());
            Assert.Equal(row.Chinese, info.ChineseDescription);
            Assert.Equal(row.English, info.EnglishDescription);
            Assert.Equal(row.Hint.Length == 0 ? null : row.Hint, info.Troubleshooting);
            Assert.Equal(row.HelpUrl.Length == 0 ? null : row.HelpUrl, info.HelpUrl);
        }
    }

    [Fact]
    public void Names_AreUniqueWholePhrasesThatFollowTheNameRules()
    {
        var names = Enum.GetNames<WeComErrorCode>();
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(PascalCaseIdentifier(), name));
        Assert.DoesNotContain(names, name => Regex.IsMatch(name, "^(Error|Code)[0-9]+$"));

        var broken = Catalog()
            .Select(r => (r.Code, r.Name, Problem: NameRules.Check(r.Name, r.Note)))
            .Where(r => r.Problem is not null)
            .Select(r => $"{r.Code} {r.Name}: {r.Problem}")
            .ToList();
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void Texts_EveryCodeHasChineseAndEnglish_AndEnglishIsNotChinese()
    {
        foreach (var code in Enum.GetValues<WeComErrorCode>())
        {
            Assert.True(WeComErrorCodes.TryGetInfo((int)code, out var info));
            Assert.Contains(info.ChineseDescription!, c => c is >= '\u4e00' and <= '\u9fff');
            Assert.False(string.IsNullOrWhiteSpace(info.EnglishDescription), $"{code} has no English description");
            Assert.DoesNotContain(info.EnglishDescription!, c => c is >= '\u4e00' and <= '\u9fff');
        }
    }

    // The differences table of the shared WeCom data (its README): the codes whose WeCom meaning differs from WeChat's.
    [Theory]
    [InlineData(-1, WeChatErrorKind.Transient)]           // 系统繁忙: retry, at most 3 times
    [InlineData(0, WeChatErrorKind.Success)]
    [InlineData(6000, WeChatErrorKind.Transient)]         // 数据版本冲突: retry later
    [InlineData(40001, WeChatErrorKind.Configuration)]    // 不合法的secret参数: fix configuration, never refresh the token
    [InlineData(40014, WeChatErrorKind.AccessToken)]      // 不合法的access_token
    [InlineData(42001, WeChatErrorKind.AccessToken)]      // access_token已过期
    [InlineData(45009, WeChatErrorKind.RateLimit)]        // a frequency limit, not WeChat's daily quota
    [InlineData(45033, WeChatErrorKind.RateLimit)]        // 接口并发调用超过限制
    [InlineData(60020, WeChatErrorKind.IpNotWhitelisted)] // 不安全的访问IP
    [InlineData(48002, WeChatErrorKind.Permission)]       // API接口无权限调用
    [InlineData(60011, WeChatErrorKind.Permission)]       // 指定的成员/部门/标签参数无权限
    [InlineData(301002, WeChatErrorKind.Permission)]      // 无权限操作指定的应用
    [InlineData(40082, WeChatErrorKind.AccessToken)]      // 不合法的suite_token
    [InlineData(42009, WeChatErrorKind.AccessToken)]      // suite_access_token已过期
    [InlineData(40091, WeChatErrorKind.Configuration)]    // secret不合法
    public void Kind_OfACodeOfTheDifferencesTable_IsWhatTheCallerDoesInWeCom(int code, WeChatErrorKind expected)
    {
        Assert.True(WeComErrorCodes.TryGetInfo(code, out var info), $"{code} is not in the WeCom catalog");
        Assert.Equal(expected, info.Kind);
    }

    [Theory]
    [InlineData(40001)]
    [InlineData(45009)]
    public void SameNumber_ReadsTwoWays(int code)
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(code, out var wechat));
        Assert.True(WeComErrorCodes.TryGetInfo(code, out var wecom));

        Assert.NotEqual(wechat.Kind, wecom.Kind);
        Assert.NotEqual(wechat.Name, wecom.Name);
        Assert.NotEqual(wechat.EnglishDescription, wecom.EnglishDescription);
    }

    [Fact]
    public void Kind_Success_IsOnlyCodeZero() =>
        Assert.Equal([WeComErrorCode.Success], Enum.GetValues<WeComErrorCode>().Where(c => WeComErrorCodes.GetKind((int)c) == WeChatErrorKind.Success));

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCaseIdentifier();
}
