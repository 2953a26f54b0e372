using System.Globalization;
using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.Exceptions;

public sealed partial class WeChatApiExceptionTests
{
    [Fact]
    public void Message_FullError_HasOneLinePerField()
    {
        const string ErrMsg = "invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: 60882f1f-676dc618-710dc5ca";

        WeChatApiException exception = WeChatExceptionFactory.Create(
            40001,
            null,
            ErrMsg,
            "GET",
            new Uri("https://api.weixin.qq.com/cgi-bin/user/get?access_token=ACCESS_TOKEN_VALUE&next_openid=o6_bmj"),
            HttpStatusCode.OK,
            attempts: 3);

        string expected = string.Join(
            Environment.NewLine,
            WeChatErrorCode.InvalidCredential.GetDescription(CultureInfo.CurrentUICulture),
            "ErrCode: 40001 (InvalidCredential)",
            "ErrMsg: " + ErrMsg,
            "RequestId: 60882f1f-676dc618-710dc5ca",
            "Request: GET https://api.weixin.qq.com/cgi-bin/user/get?access_token=REDACTED&next_openid=REDACTED",
            "Status: 200",
            "Attempts: 3");
        Assert.Equal(expected, exception.Message);
    }

    [Fact]
    public void Message_ErrMsgWithLineBreaks_StaysOnOneLine()
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(40001, null, "bad\r\nRequest: GET https://evil.example");

        Assert.Contains("ErrMsg: bad  Request: GET https://evil.example", exception.Message, StringComparison.Ordinal);
        Assert.Equal("bad\r\nRequest: GET https://evil.example", exception.ErrorMessage);
    }

    [Fact]
    public void ErrorMessage_Long_IsCapped()
    {
        string errmsg = new string('x', 5000) + " rid: 60882f1f-676dc618-710dc5ca";

        WeChatApiException exception = WeChatExceptionFactory.Create(40001, null, errmsg);

        Assert.Equal(1025, exception.ErrorMessage!.Length);
        Assert.EndsWith("…", exception.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("60882f1f-676dc618-710dc5ca", exception.RequestId);
    }

    [Fact]
    public void ErrorMessage_SecretAcrossTheCap_IsHidden()
    {
        string errmsg = new string('x', 1000) + " access_token=" + new string('S', 100_000);

        WeChatApiException exception = WeChatExceptionFactory.Create(40001, null, errmsg);

        Assert.DoesNotContain("SSS", exception.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SSS", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith(" access_token=REDACTED", exception.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NullMessage_UsesDefaultMessage()
    {
        var exception = new WeChatApiException(null!);

        Assert.Equal(WeChatApiException.DefaultMessage, exception.Message);
    }

    [Fact]
    public void Ctor_RelativeUri_IsRedacted()
    {
        var exception = new WeChatApiException(WeChatErrorCode.InvalidCredential, null, HttpMethod.Post, new Uri("/cgi-bin/message/custom/send?access_token=TOKEN", UriKind.Relative));

        Assert.Equal("/cgi-bin/message/custom/send?access_token=REDACTED", exception.RequestUri);
        Assert.Contains("Request: POST /cgi-bin/message/custom/send?access_token=REDACTED", exception.Message, StringComparison.Ordinal);
    }
}
