using WeChatErrors.Shared.Redaction;

namespace WeChatErrors.Tests.Shared.Redaction;

public sealed class TextRedactorTests
{
    [Theory]
    [InlineData("invalid credential, access_token is invalid or not latest rid: 60882f1f-676dc618-710dc5ca", "invalid credential, access_token is invalid or not latest rid: 60882f1f-676dc618-710dc5ca")]
    [InlineData("bad request https://api.weixin.qq.com/cgi-bin/x?access_token=T0K3N&type=image rid: 60882f1f-676dc618-710dc5ca", "bad request https://api.weixin.qq.com/cgi-bin/x?access_token=REDACTED&type=image rid: 60882f1f-676dc618-710dc5ca")]
    [InlineData("ACCESS_TOKEN=T0K3N", "ACCESS_TOKEN=REDACTED")]
    [InlineData("Access_Token = T0K3N, next", "Access_Token = REDACTED, next")]
    [InlineData("secret=S1&appsecret=S2&code=C3", "secret=REDACTED&appsecret=REDACTED&code=REDACTED")]
    [InlineData("refresh_token=R;component_access_token=C;authorizer_access_token=A;ticket=T", "refresh_token=REDACTED;component_access_token=REDACTED;authorizer_access_token=REDACTED;ticket=REDACTED")]
    [InlineData("""{"access_token":"T0K3N","expires_in":7200}""", """{"access_token":"REDACTED","expires_in":7200}""")]
    [InlineData("""body {"js_code" : "J S"}""", """body {"js_code" : "REDACTED"}""")]
    [InlineData("access%5Ftoken=T0K3N", "access%5Ftoken=REDACTED")]
    [InlineData("access_token=", "access_token=")]
    [InlineData("access_token", "access_token")]
    [InlineData("redirect=https://x.cn/cb?code=C0DE#wechat_redirect", "redirect=https://x.cn/cb?code=REDACTED")]
    [InlineData("see https://user:pa55@example.com/x", "see https://REDACTED@example.com/x")]
    [InlineData("hint: [KJZfAa0644e575] rid: 60882f1f-676dc618-710dc5ca", "hint: [KJZfAa0644e575] rid: 60882f1f-676dc618-710dc5ca")]
    [InlineData("type=image&lang=zh_CN", "type=image&lang=zh_CN")]
    [InlineData("", "")]
    [InlineData("error code: 40001, key: none", "error code: 40001, key: none")]
    [InlineData("access_token: T0K3N", "access_token: REDACTED")]
    [InlineData("secret: S3CR3T, AppSecret: S3CR3T2", "secret: REDACTED, AppSecret: REDACTED")]
    [InlineData("password: P4SS", "password: REDACTED")]
    [InlineData("gettoken?corpid=ww1&corpsecret=C0RP_S3CR3T", "gettoken?corpid=ww1&corpsecret=REDACTED")]
    [InlineData("corpsecret: C0RP_S3CR3T, CorpSecret: C2", "corpsecret: REDACTED, CorpSecret: REDACTED")]
    [InlineData("""{"corpsecret":"C0RP_S3CR3T"}""", """{"corpsecret":"REDACTED"}""")]
    [InlineData("""{"code":"C0DE","key" : "K"}""", """{"code":"REDACTED","key" : "REDACTED"}""")]
    [InlineData("code=C0DE key=K sign=S token=T", "code=REDACTED key=REDACTED sign=REDACTED token=REDACTED")]
    [InlineData("suite_access_token=A&pre_auth_code=B&jsapi_ticket=C&session_key=D", "suite_access_token=REDACTED&pre_auth_code=REDACTED&jsapi_ticket=REDACTED&session_key=REDACTED")]
    public void Redact_Text_HidesSecretValues(string input, string expected)
    {
        Assert.Equal(expected, TextRedactor.Redact(input));
    }

    [Fact]
    public void Redact_NothingToHide_ReturnsSameInstance()
    {
        const string Text = "invalid ip 114.221.21.30, not in whitelist";

        Assert.Same(Text, TextRedactor.Redact(Text));
    }
}
