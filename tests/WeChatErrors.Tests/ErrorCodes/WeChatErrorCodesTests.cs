using System.Globalization;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.ErrorCodes;

public class WeChatErrorCodesTests
{
    [Theory]
    [InlineData(WeChatErrorCode.SystemBusy, -1)]
    [InlineData(WeChatErrorCode.Success, 0)]
    [InlineData(WeChatErrorCode.InvalidCredential, 40001)]
    [InlineData(WeChatErrorCode.InvalidAppId, 40013)]
    [InlineData(WeChatErrorCode.InvalidAccessToken, 40014)]
    [InlineData(WeChatErrorCode.InvalidAppSecret, 40125)]
    [InlineData(WeChatErrorCode.IpNotInWhitelist, 40164)]
    [InlineData(WeChatErrorCode.AccessTokenMissing, 41001)]
    [InlineData(WeChatErrorCode.AccessTokenExpired, 42001)]
    [InlineData(WeChatErrorCode.ApiDailyQuotaReached, 45009)]
    [InlineData(WeChatErrorCode.ApiMinuteQuotaReached, 45011)]
    public void EnumMember_RequiredName_HasDocumentedValue(WeChatErrorCode member, int expected) =>
        Assert.Equal(expected, (int)member);

    [Theory]
    [InlineData(0, WeChatErrorKind.Success)]
    [InlineData(-1, WeChatErrorKind.Transient)]
    [InlineData(45011, WeChatErrorKind.RateLimit)]
    [InlineData(45009, WeChatErrorKind.DailyQuota)]
    [InlineData(40001, WeChatErrorKind.AccessToken)]
    [InlineData(40014, WeChatErrorKind.AccessToken)]
    [InlineData(42001, WeChatErrorKind.AccessToken)]
    [InlineData(41001, WeChatErrorKind.AccessToken)]
    [InlineData(40164, WeChatErrorKind.IpNotWhitelisted)]
    [InlineData(61004, WeChatErrorKind.IpNotWhitelisted)]
    [InlineData(40125, WeChatErrorKind.Configuration)]
    [InlineData(40013, WeChatErrorKind.Configuration)]
    [InlineData(43004, WeChatErrorKind.RecipientState)]
    [InlineData(48001, WeChatErrorKind.Permission)]
    [InlineData(46004, WeChatErrorKind.NotFound)]
    [InlineData(47001, WeChatErrorKind.InvalidRequest)]
    public void GetKind_KnownCode_ReturnsKindTheLibraryReliesOn(int code, WeChatErrorKind expected) =>
        Assert.Equal(expected, WeChatErrorCodes.GetKind(code));

    [Theory]
    [InlineData(123456)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void GetKind_UnknownCode_ReturnsOther(int code) =>
        Assert.Equal(WeChatErrorKind.Other, WeChatErrorCodes.GetKind(code));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(89401, true)]
    [InlineData(45011, true)]
    [InlineData(45009, false)]
    [InlineData(40001, false)]
    [InlineData(40164, false)]
    [InlineData(0, false)]
    [InlineData(123456, false)]
    public void IsTransient_Code_TrueOnlyForTransientAndRateLimit(int code, bool expected) =>
        Assert.Equal(expected, WeChatErrorCodes.IsTransient(code));

    [Fact]
    public void IsTransient_EveryKnownCode_MatchesKind()
    {
        foreach (var code in Enum.GetValues<WeChatErrorCode>())
        {
            var kind = WeChatErrorCodes.GetKind((int)code);
            Assert.Equal(kind is WeChatErrorKind.Transient or WeChatErrorKind.RateLimit, WeChatErrorCodes.IsTransient((int)code));
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("zh-Hans")]
    [InlineData("zh")]
    public void GetDescription_ChineseCulture_ReturnsChinese(string culture) =>
        Assert.Equal("系统繁忙，此时请开发者稍候再试", WeChatErrorCode.SystemBusy.GetDescription(CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    public void GetDescription_OtherCulture_ReturnsEnglish(string culture) =>
        Assert.Equal("System is busy. Try again later.", WeChatErrorCode.SystemBusy.GetDescription(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void GetDescription_InvariantCulture_ReturnsEnglish() =>
        Assert.Equal("Invalid appsecret", WeChatErrorCode.InvalidAppSecret.GetDescription(CultureInfo.InvariantCulture));

    [Fact]
    public void GetDescription_ChineseCultureForCodeWithOnlyEnglishSource_AnswersTheWrittenChinese() =>
        Assert.Equal("调用方 IP 未登记，不在 IP 白名单中", ((WeChatErrorCode)61004).GetDescription(CultureInfo.GetCultureInfo("zh-CN")));

    [Theory]
    [InlineData("zh-CN", "无效的appsecret")]
    [InlineData("en-US", "Invalid appsecret")]
    [InlineData("", "Invalid appsecret")]
    public void GetDescription_NullCulture_UsesCurrentUICulture(string uiCulture, string expected)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
            Assert.Equal(expected, WeChatErrorCode.InvalidAppSecret.GetDescription());
            Assert.Equal(expected, WeChatErrorCode.InvalidAppSecret.GetDescription(null));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void UnknownCode_CastFromInt_RoundTripsAndPrintsNumber()
    {
        var code = (WeChatErrorCode)123456;
        Assert.Equal(123456, (int)code);
        Assert.Equal("123456", code.ToString());
        Assert.False(Enum.IsDefined(code));
    }

    [Fact]
    public void TryGetInfo_UnknownCode_ReturnsFalseAndDefault()
    {
        Assert.False(WeChatErrorCodes.TryGetInfo(123456, out var info));
        Assert.Equal(default, info);
    }

    [Theory]
    [InlineData("en-US", "unknown WeChat error code 123456")]
    [InlineData("", "unknown WeChat error code 123456")]
    [InlineData("zh-CN", "未知的微信错误码 123456")]
    [InlineData("zh-TW", "未知的微信错误码 123456")]
    public void GetDescription_UnknownCode_ReturnsUnknownText(string culture, string expected) =>
        Assert.Equal(expected, ((WeChatErrorCode)123456).GetDescription(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void GetDescription_UnknownNegativeCode_UsesInvariantDigits() =>
        Assert.Equal("unknown WeChat error code -42", ((WeChatErrorCode)(-42)).GetDescription(CultureInfo.GetCultureInfo("en-US")));

    [Fact]
    public void TryGetInfo_InvalidCredential_ReturnsAllFields()
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(40001, out var info));
        Assert.Equal(WeChatErrorCode.InvalidCredential, info.Code);
        Assert.Equal("InvalidCredential", info.Name);
        Assert.Equal(WeChatErrorKind.AccessToken, info.Kind);
        Assert.StartsWith("获取 access_token 时 AppSecret 错误", info.ChineseDescription, StringComparison.Ordinal);
        Assert.StartsWith("Incorrect AppSecret or invalid access_token", info.EnglishDescription, StringComparison.Ordinal);
        Assert.StartsWith("40001 InvalidCredential: Incorrect AppSecret", info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetInfo_DailyQuota_DescribesDailyLimit()
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(45009, out var info));
        Assert.Equal("ApiDailyQuotaReached", info.Name);
        Assert.Equal(WeChatErrorKind.DailyQuota, info.Kind);
        Assert.Equal("接口调用超过限制", info.ChineseDescription);
        Assert.Equal("API calls exceed the limit", info.EnglishDescription);
    }

    [Fact]
    public void TryGetInfo_InvalidAppSecret_HasAppSecretWordingNotAppId()
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(40125, out var info));
        Assert.Equal(WeChatErrorCode.InvalidAppSecret, info.Code);
        Assert.Equal("无效的appsecret", info.ChineseDescription);
        Assert.Equal(WeChatErrorKind.Configuration, info.Kind);
    }

    [Fact]
    public void TryGetInfo_CodeWithOnlyEnglishSource_HasWrittenChineseAndOfficialEnglish()
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(61004, out var info));
        Assert.Equal("ClientIpNotRegistered", info.Name);
        Assert.Equal("调用方 IP 未登记，不在 IP 白名单中", info.ChineseDescription);
        Assert.Equal("access clientip is not registered", info.EnglishDescription);
        Assert.Equal(WeChatErrorKind.IpNotWhitelisted, info.Kind);
    }

    [Fact]
    public void Lookups_KnownCodes_AllocateNothing()
    {
        int[] codes = [-1, 0, 40001, 40014, 42001, 45009, 45011, 61004, 9001036, 930571];
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var en = CultureInfo.GetCultureInfo("en-US");

        CatalogAssert.AllocatesNothing(iterations =>
        {
            var sink = 0;
            for (var i = 0; i < iterations; i++)
            {
                var code = codes[i % codes.Length];
                if (WeChatErrorCodes.TryGetInfo(code, out var info))
                {
                    sink += info.Name.Length;
                }

                sink += (int)WeChatErrorCodes.GetKind(code);
                sink += WeChatErrorCodes.IsTransient(code) ? 1 : 0;
                sink += ((WeChatErrorCode)code).GetDescription(zh).Length;
                sink += ((WeChatErrorCode)code).GetDescription(en).Length;
                sink += ((WeChatErrorCode)code).GetDescription().Length;
            }

            return sink;
        });
    }
}
