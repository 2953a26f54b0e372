using System.Globalization;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.ErrorCodes;

/// <summary>The WeCom lookups: names and values the library relies on, descriptions, unknown codes, no allocation.</summary>
public class WeComErrorCodesTests
{
    [Theory]
    [InlineData(WeComErrorCode.SystemBusy, -1)]
    [InlineData(WeComErrorCode.Success, 0)]
    [InlineData(WeComErrorCode.DataVersionConflict, 6000)]
    [InlineData(WeComErrorCode.InvalidCorpSecret, 40001)]
    [InlineData(WeComErrorCode.InvalidAccessToken, 40014)]
    [InlineData(WeComErrorCode.AccessTokenExpired, 42001)]
    [InlineData(WeComErrorCode.ApiCallLimitExceeded, 45009)]
    [InlineData(WeComErrorCode.ApiConcurrencyLimitExceeded, 45033)]
    [InlineData(WeComErrorCode.UntrustedCallerIp, 60020)]
    public void EnumMember_Name_HasTheDocumentedValue(WeComErrorCode member, int expected) =>
        Assert.Equal(expected, (int)member);

    [Theory]
    [InlineData(40001, "不合法的secret参数")]
    [InlineData(45009, "接口调用超过限制")]
    [InlineData(6000, "数据版本冲突")]
    public void GetDescription_ChineseCulture_ReturnsTheOfficialText(int code, string expected)
    {
        Assert.Equal(expected, ((WeComErrorCode)code).GetDescription(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(expected, ((WeComErrorCode)code).GetDescription(CultureInfo.GetCultureInfo("zh-TW")));
    }

    [Fact]
    public void GetDescription_OtherCulture_ReturnsTheWrittenEnglish_NotTheWeChatText()
    {
        var english = WeComErrorCode.InvalidCorpSecret.GetDescription(CultureInfo.GetCultureInfo("en-US"));

        Assert.Contains("secret", english, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(((WeChatErrorCode)40001).GetDescription(CultureInfo.GetCultureInfo("en-US")), english);
        Assert.Equal(english, WeComErrorCode.InvalidCorpSecret.GetDescription(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("en-US", "unknown WeCom error code 123456")]
    [InlineData("", "unknown WeCom error code 123456")]
    [InlineData("zh-CN", "未知的企业微信错误码 123456")]
    public void GetDescription_UnknownCode_NamesWeCom(string culture, string expected) =>
        Assert.Equal(expected, ((WeComErrorCode)123456).GetDescription(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void UnknownCode_CastFromInt_RoundTripsAndPrintsNumber()
    {
        var code = (WeComErrorCode)123456;

        Assert.Equal(123456, (int)code);
        Assert.Equal("123456", code.ToString());
        Assert.False(Enum.IsDefined(code));
        Assert.False(WeComErrorCodes.TryGetInfo(123456, out var info));
        Assert.Equal(default, info);
        Assert.Equal(WeChatErrorKind.Other, WeComErrorCodes.GetKind(123456));
        Assert.False(WeComErrorCodes.IsTransient(123456));
    }

    [Fact]
    public void TryGetInfo_InvalidSecret_ReturnsEveryField()
    {
        Assert.True(WeComErrorCodes.TryGetInfo(40001, out var info));

        Assert.Equal(WeComErrorCode.InvalidCorpSecret, info.Code);
        Assert.Equal("InvalidCorpSecret", info.Name);
        Assert.Equal(WeChatErrorKind.Configuration, info.Kind);
        Assert.Equal("不合法的secret参数", info.ChineseDescription);
        Assert.False(string.IsNullOrWhiteSpace(info.EnglishDescription));
        Assert.Contains("corpid", info.Troubleshooting, StringComparison.Ordinal);
        Assert.StartsWith("https://developer.work.weixin.qq.com/document/path/90313#", info.HelpUrl, StringComparison.Ordinal);
        Assert.StartsWith("40001 InvalidCorpSecret: ", info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetInfo_CodeWithoutHelpSection_HasNoHelpUrl()
    {
        // 6000's troubleshooting text has no [查看帮助] section on the page.
        Assert.True(WeComErrorCodes.TryGetInfo(6000, out var info));

        Assert.Equal("可能有多个调用端同时修改数据，稍后重试", info.Troubleshooting);
        Assert.Null(info.HelpUrl);
    }

    [Fact]
    public void IsTransient_EveryKnownCode_MatchesKind()
    {
        foreach (var code in Enum.GetValues<WeComErrorCode>())
        {
            var kind = WeComErrorCodes.GetKind((int)code);
            Assert.Equal(kind is WeChatErrorKind.Transient or WeChatErrorKind.RateLimit, WeComErrorCodes.IsTransient((int)code));
        }
    }

    [Fact]
    public void Lookups_KnownCodes_AllocateNothing()
    {
        int[] codes = [-1, 0, 6000, 40001, 40014, 42001, 45009, 45033, 60020, 301002];
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var en = CultureInfo.GetCultureInfo("en-US");

        CatalogAssert.AllocatesNothing(iterations =>
        {
            var sink = 0;
            for (var i = 0; i < iterations; i++)
            {
                var code = codes[i % codes.Length];
                if (WeComErrorCodes.TryGetInfo(code, out var info))
                {
                    sink += info.Name.Length + (info.Troubleshooting?.Length ?? 0) + (info.HelpUrl?.Length ?? 0);
                }

                sink += (int)WeComErrorCodes.GetKind(code) + (WeComErrorCodes.IsTransient(code) ? 1 : 0);
                sink += ((WeComErrorCode)code).GetDescription(zh).Length + ((WeComErrorCode)code).GetDescription(en).Length;
            }

            return sink;
        });
    }
}
