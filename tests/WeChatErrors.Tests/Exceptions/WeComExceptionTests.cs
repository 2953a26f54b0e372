using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Tests.TestSupport;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Exceptions;

/// <summary>A WeCom error is a typed exception of the shared hierarchy that carries WeCom's code and never a WeChat name.</summary>
public sealed class WeComExceptionTests
{
    private readonly FakeTimeProvider _time = new(Now);

    public static TheoryData<int, Type, WeChatErrorKind> TypeTable => new()
    {
        { -1, typeof(WeChatSystemBusyException), WeChatErrorKind.Transient },
        { 6000, typeof(WeChatSystemBusyException), WeChatErrorKind.Transient },
        { 40001, typeof(WeChatConfigurationException), WeChatErrorKind.Configuration },
        { 40014, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 42001, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 45009, typeof(WeChatRateLimitException), WeChatErrorKind.RateLimit },
        { 45033, typeof(WeChatRateLimitException), WeChatErrorKind.RateLimit },
        { 60020, typeof(WeChatIpNotWhitelistedException), WeChatErrorKind.IpNotWhitelisted },
        { 48002, typeof(WeChatPermissionException), WeChatErrorKind.Permission },
        { 987654, typeof(WeChatApiException), WeChatErrorKind.Other },
    };

    [Theory]
    [MemberData(nameof(TypeTable))]
    public void Create_WeComCode_PicksTypeFromTheWeComKind(int code, Type expectedType, WeChatErrorKind expectedKind)
    {
        var ex = WeComError(code, _time);

        Assert.IsType(expectedType, ex);
        Assert.Equal(WeChatProduct.WeCom, ex.Product);
        Assert.Equal((WeComErrorCode)code, ex.WeComErrorCode);
        Assert.Null(ex.ErrorCode);
        Assert.Equal(code, ex.RawErrorCode);
        Assert.Equal(expectedKind, ex.Kind);
        Assert.Equal(WeComErrorCodes.IsTransient(code), ex.IsTransient);
        Assert.Equal(((WeComErrorCode)code).GetDescription(CultureInfo.CurrentUICulture), ex.Description);
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/user/get", ex.RequestUri);
    }

    [Theory]
    [InlineData(40001)]
    [InlineData(45009)]
    public void WeComError_NeverCarriesAWeChatNameOrDescription(int code)
    {
        var ex = WeComError(code, _time);
        Assert.True(WeChatErrorCodes.TryGetInfo(code, out var wechat));
        Assert.True(WeComErrorCodes.TryGetInfo(code, out var wecom));

        var texts = new[] { ex.Message, ex.ToString(), ex.Description };
        foreach (var text in texts)
        {
            Assert.DoesNotContain(wechat.Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(wechat.EnglishDescription!, text, StringComparison.Ordinal);
        }

        Assert.Contains($"ErrCode: {code} (WeCom {wecom.Name})", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(ex.Description, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Description, new[] { wecom.EnglishDescription, wecom.ChineseDescription });
    }

    [Fact]
    public void SameNumber_AsWeChatAndAsWeCom_AreDifferentErrors()
    {
        var wechat = Error(40001, _time);
        var wecom = WeComError(40001, _time);

        Assert.IsType<WeChatAccessTokenException>(wechat);
        Assert.IsType<WeChatConfigurationException>(wecom);
        Assert.Equal(WeChatErrorCode.InvalidCredential, wechat.ErrorCode);
        Assert.Null(wechat.WeComErrorCode);
        Assert.Equal(WeComErrorCode.InvalidCorpSecret, wecom.WeComErrorCode);
        Assert.Null(wecom.ErrorCode);
        Assert.Equal(wechat.RawErrorCode, wecom.RawErrorCode);
    }

    [Fact]
    public void FrequencyLimit_HasNoRetryAfter_TheWindowIsNotInTheBody()
    {
        var wecom = Assert.IsType<WeChatRateLimitException>(WeComError(45009, _time));
        var wechat45011 = Assert.IsType<WeChatRateLimitException>(Error(45011, _time));

        Assert.Null(wecom.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(45), wechat45011.RetryAfter);
    }

    [Fact]
    public void UntrustedIp_ReadsTheCallerIpAndTheHint()
    {
        var ex = Assert.IsType<WeChatIpNotWhitelistedException>(WeComError(60020, _time, errorMessage: "not allow to access from your ip, hint: [1655799424_52_aa], from ip: 101.43.12.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020"));

        Assert.Equal("101.43.12.7", ex.CallerIp);
        Assert.Equal("1655799424_52_aa", ex.RequestId);
    }

    [Fact]
    public void BeyondInt32_DescribesAnUnknownWeComCode()
    {
        var ex = WeComError(9_999_999_999, _time);

        Assert.Equal("unknown WeCom error code 9999999999", ex.Description);
        Assert.Equal(WeChatErrorKind.Other, ex.Kind);
        Assert.Equal((WeComErrorCode)int.MaxValue, ex.WeComErrorCode);
    }

    [Fact]
    public void TokenCodeOnGetToken_IsConfiguration_WithTheWeComNote()
    {
        var ex = WeComError(42001, _time, path: "cgi-bin/gettoken?corpid=ww1&corpsecret=S3CR3T_VALUE");

        Assert.IsType<WeChatConfigurationException>(ex);
        Assert.Contains("corpsecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3CR3T_VALUE", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=REDACTED&corpsecret=REDACTED", ex.RequestUri);
    }

    [Fact]
    public void ThrowIfError_WeComProduct_ThrowsTheWeComException()
    {
        var utf8 = Encoding.UTF8.GetBytes(WeComBodies.InvalidCorpSecret);

        var wecom = Assert.Throws<WeChatConfigurationException>(() => WeChatApiException.ThrowIfError(utf8, WeChatProduct.WeCom));
        var wechat = Assert.Throws<WeChatAccessTokenException>(() => WeChatApiException.ThrowIfError(utf8));
        var fromString = Assert.Throws<WeChatConfigurationException>(() => WeChatApiException.ThrowIfError(WeComBodies.InvalidCorpSecret, WeChatProduct.WeCom));

        Assert.Equal(WeComErrorCode.InvalidCorpSecret, wecom.WeComErrorCode);
        Assert.Equal(WeComErrorCode.InvalidCorpSecret, fromString.WeComErrorCode);
        Assert.Equal(WeChatErrorCode.InvalidCredential, wechat.ErrorCode);
        Assert.Equal(WeComBodies.Hint, wecom.RequestId);
        WeChatApiException.ThrowIfError(Encoding.UTF8.GetBytes(WeComBodies.Ok), WeChatProduct.WeCom);
        Assert.Throws<ArgumentNullException>(() => WeChatApiException.ThrowIfError((string)null!, WeChatProduct.WeCom));
    }

    [Fact]
    public void TryReadWeComError_ReadsTheWeComCode()
    {
        Assert.True(WeChatApiException.TryReadWeComError(Encoding.UTF8.GetBytes(WeComBodies.FrequencyLimited), out var code, out var message));
        Assert.Equal(WeComErrorCode.ApiCallLimitExceeded, code);
        Assert.StartsWith("api freq out of limit", message, StringComparison.Ordinal);

        Assert.False(WeChatApiException.TryReadWeComError(Encoding.UTF8.GetBytes(WeComBodies.Ok), out code, out message));
        Assert.Equal(WeComErrorCode.Success, code);
        Assert.Null(message);
    }

    [Fact]
    public void ErrMsgWithACorpSecret_IsRedacted()
    {
        var ex = WeComError(40001, _time, errorMessage: "invalid secret corpsecret=LEAKED_CORP_SECRET_1, hint: [x]");

        Assert.DoesNotContain("LEAKED_CORP_SECRET_1", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("corpsecret=REDACTED", ex.ErrorMessage, StringComparison.Ordinal);
    }
}
