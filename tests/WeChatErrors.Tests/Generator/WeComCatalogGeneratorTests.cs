using WeChatErrors.Generator;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Generator;

public class WeComCatalogGeneratorTests
{
    private const string Header = "code\tname\tkind\tzh\ten\thint_zh\thelp_url\tnote\n";
    private const string SuccessRow = "0\tSuccess\tSuccess\t请求成功\tRequest successful\t接口调用成功\t\t\n";

    [Fact]
    public void Generate_CheckedInTsv_MatchesCheckedInGeneratedFilesByteForByte()
    {
        var files = WeComCatalogGenerator.Generate(TestRepository.ReadText(WeComCatalogGenerator.TsvPath));

        Assert.Equal(["src/WeChatErrors/Generated/WeComErrorCode.g.cs", "src/WeChatErrors/Generated/WeComErrorCodes.g.cs"], files.Select(f => f.RelativePath));
        CatalogAssert.MatchesCheckedIn(files, WeComCatalogGenerator.TsvPath);
    }

    [Fact]
    public void Generate_SameInput_IsDeterministicWithLfLineEndings()
    {
        var tsv = TestRepository.ReadText(WeComCatalogGenerator.TsvPath);

        var first = WeComCatalogGenerator.Generate(tsv);
        var second = WeComCatalogGenerator.Generate(tsv.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(first, second);
        Assert.All(first, f => Assert.DoesNotContain('\r', f.Content));
    }

    [Fact]
    public void Generate_Row_DocumentsHintHelpLinkAndTheWrittenEnglish()
    {
        var tsv = Header + SuccessRow
            + "45033\tApiConcurrencyLimitExceeded\tRateLimit\t接口并发调用超过限制\tConcurrency <limit> & more\t请企业调低并发数\thttps://developer.work.weixin.qq.com/document/path/90313#a&b\t\n"
            + "6000\tDataVersionConflict\tTransient\t数据版本冲突\tData version conflict\t\t\t\n";

        var files = WeComCatalogGenerator.Generate(tsv);
        var enumFile = files[0].Content;
        var lookups = files[1].Content;

        Assert.Contains("/// <para>Concurrency &lt;limit&gt; &amp; more</para>", enumFile, StringComparison.Ordinal);
        Assert.Contains("The English text was written for the library. 排查方法: 请企业调低并发数 Help: <see href=\"https://developer.work.weixin.qq.com/document/path/90313#a&amp;b\"/>.", enumFile, StringComparison.Ordinal);
        Assert.Contains("ApiConcurrencyLimitExceeded = 45033,", enumFile, StringComparison.Ordinal);
        Assert.Contains("public enum WeComErrorCode : int", enumFile, StringComparison.Ordinal);
        Assert.Contains("public static partial class WeComErrorCodes", lookups, StringComparison.Ordinal);
        Assert.Contains("internal const int KnownCodeCount = 3;", lookups, StringComparison.Ordinal);
        Assert.Contains("\"请企业调低并发数\"", lookups, StringComparison.Ordinal);

        // 6000 (index 1 of 0, 6000, 45033) has neither a hint nor a link: both lookups answer null for it.
        var hints = lookups[lookups.IndexOf("HintAt(int index)", StringComparison.Ordinal)..];
        Assert.Contains("1 => null,", hints[..hints.IndexOf("};", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1\tGood\tOther\tx\t\t\t\t\n", "code 1 has no English (en) description")]
    [InlineData("1\tGood\tOther\t\tx\t\t\t\n", "code 1 has no Chinese (zh) description")]
    [InlineData("1\tGood\tOther\tx\tx\t-\t\t\n", "the hint_zh of code 1 is '-'")]
    [InlineData("1\tGood\tOther\tx\tx\t\thttp://example.com/x\t\n", "is not an absolute https URL")]
    [InlineData("1\tGood\tOther\tx\tx\t\tdocument/path/90313\t\n", "is not an absolute https URL")]
    [InlineData("1\tSuccess\tOther\tx\tx\t\t\t\n", "the name 'Success' of code 1 is already used on line 2")]
    [InlineData("1\tWecomSecretWrong\tOther\tx\tx\t\t\t\n", "spells 'Wecom'; write 'WeCom'")]
    [InlineData("1\tInvalidSecretParameterOf\tOther\tx\tx\t\t\t\n", "ends with 'Of', so the phrase is cut off")]
    [InlineData("1\tGood\tDailyQuota\tx\tx\t\t\t\n0\tAgain\tSuccess\tx\tx\t\t\t\n", "the code 0 is already defined on line 2")]
    [InlineData("1\tGood\tOther\tx\tx\t\t\n", "expected 8 tab-separated fields but found 7")]
    public void Parse_InvalidRow_FailsWithFileLineAndReason(string rows, string expected)
    {
        var ex = Assert.Throws<CatalogFormatException>(() => WeComCatalogGenerator.Generate(Header + SuccessRow + rows));

        Assert.Contains("wecom-error-codes.tsv line ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TheWeChatHeader_IsRefused()
    {
        var ex = Assert.Throws<CatalogFormatException>(() => WeComCatalogParser.Parse("code\tname\tkind\tzh\tzh_from\ten\tsources\tnote\n" + SuccessRow));

        Assert.Contains("line 1: the header must be 'code\\tname\\tkind\\tzh\\ten\\thint_zh\\thelp_url\\tnote'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Row_ReadsEveryColumn()
    {
        var entry = WeComCatalogParser.Parse(Header + SuccessRow + "40001\tInvalidCorpSecret\tConfiguration\t不合法的secret参数\tInvalid secret\t排查\thttps://developer.work.weixin.qq.com/x\tA note.\n")
            .Single(e => e.Code == 40001);

        Assert.Equal(new WeComCatalogEntry(40001, "InvalidCorpSecret", "Configuration", "不合法的secret参数", "Invalid secret", "排查", "https://developer.work.weixin.qq.com/x", "A note.", 3), entry);
    }
}
