using WeChatErrors.Shared.Redaction;

namespace WeChatErrors.Tests.Shared.Redaction;

public sealed class UriRedactorTests
{
    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx123&secret=APPSECRET", "https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx123&secret=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get?access_token=TOKEN&next_openid=o6_bmj", "https://api.weixin.qq.com/cgi-bin/user/get?access_token=REDACTED&next_openid=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/media/upload?ACCESS_TOKEN=TOKEN&TYPE=image", "https://api.weixin.qq.com/cgi-bin/media/upload?ACCESS_TOKEN=REDACTED&TYPE=image")]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=S&code=C&grant_type=authorization_code", "https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=REDACTED&code=REDACTED&grant_type=authorization_code")]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/refresh_token?appid=wx1&grant_type=refresh_token&refresh_token=R", "https://api.weixin.qq.com/sns/oauth2/refresh_token?appid=wx1&grant_type=refresh_token&refresh_token=REDACTED")]
    [InlineData("https://api.weixin.qq.com/sns/jscode2session?appid=wx1&secret=S&js_code=J&grant_type=authorization_code", "https://api.weixin.qq.com/sns/jscode2session?appid=wx1&secret=REDACTED&js_code=REDACTED&grant_type=authorization_code")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?access_token=A&access_token=B", "https://api.weixin.qq.com/cgi-bin/x?access_token=REDACTED&access_token=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?access_token=", "https://api.weixin.qq.com/cgi-bin/x?access_token=")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?access_token", "https://api.weixin.qq.com/cgi-bin/x?access_token")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?access%5Ftoken=T", "https://api.weixin.qq.com/cgi-bin/x?access_token=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?%61ccess_token=T", "https://api.weixin.qq.com/cgi-bin/x?access_token=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?a=1&&b=2&", "https://api.weixin.qq.com/cgi-bin/x?a=REDACTED&&b=REDACTED&")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?", "https://api.weixin.qq.com/cgi-bin/x?")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?offset=0&count=20&lang=zh_CN&begin_date=2026-01-01&end_date=2026-01-02", "https://api.weixin.qq.com/cgi-bin/x?offset=0&count=20&lang=zh_CN&begin_date=2026-01-01&end_date=2026-01-02")]
    [InlineData("https://user:pass@api.weixin.qq.com:8443/cgi-bin/x?type=1#frag", "https://api.weixin.qq.com:8443/cgi-bin/x?type=1")]
    [InlineData("https://api.weixin.qq.com:443/cgi-bin/x", "https://api.weixin.qq.com/cgi-bin/x")]
    [InlineData("/cgi-bin/x?access_token=T&type=image#frag", "/cgi-bin/x?access_token=REDACTED&type=image")]
    [InlineData("cgi-bin/x?ticket=T", "cgi-bin/x?ticket=REDACTED")]
    [InlineData("not a uri ?key=K", "not a uri ?key=REDACTED")]
    [InlineData("//user:pass@host/x?a=1", "//host/x?a=REDACTED")]
    public void Redact_String_HidesValues(string input, string expected)
    {
        Assert.Equal(expected, UriRedactor.Redact(input));
    }

    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?openid=o1&access_token=T", "https://api.weixin.qq.com/cgi-bin/x?openid=o1&access_token=REDACTED")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/x?OPENID=o1", "https://api.weixin.qq.com/cgi-bin/x?OPENID=o1")]
    public void Redact_ExtraAllowList_ShowsListedNames(string input, string expected)
    {
        Assert.Equal(expected, UriRedactor.Redact(new Uri(input), ["openid"]));
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("ACCESS_TOKEN")]
    [InlineData("secret")]
    [InlineData("appsecret")]
    [InlineData("code")]
    [InlineData("refresh_token")]
    [InlineData("component_access_token")]
    [InlineData("authorizer_access_token")]
    [InlineData("authorizer_refresh_token")]
    [InlineData("ticket")]
    [InlineData("component_verify_ticket")]
    [InlineData("js_code")]
    [InlineData("password")]
    [InlineData("sign")]
    [InlineData("signature")]
    [InlineData("key")]
    [InlineData("token")]
    [InlineData("suite_access_token")]
    [InlineData("session_key")]
    [InlineData("corpsecret")]
    [InlineData("provider_secret")]
    [InlineData("permanent_code")]
    public void Redact_SecretOnAllowList_StillHidden(string name)
    {
        string redacted = UriRedactor.Redact(new Uri($"https://api.weixin.qq.com/x?{name}=VALUE"), [name, name.ToUpperInvariant()]);

        Assert.Equal($"https://api.weixin.qq.com/x?{name}=REDACTED", redacted);
    }

    [Fact]
    public void Redact_RelativeUriObject_HidesValues()
    {
        Assert.Equal("/cgi-bin/x?access_token=REDACTED", UriRedactor.Redact(new Uri("/cgi-bin/x?access_token=T", UriKind.Relative)));
        Assert.Equal("/cgi-bin/x?access_token=REDACTED", UriRedactor.Redact(new Uri("/cgi-bin/x?access_token=T", UriKind.RelativeOrAbsolute)));
    }

    [Fact]
    public void DefaultLoggedQueryParameters_HasNoSecret()
    {
        Assert.All(SensitiveNames.DefaultLoggedQueryParameters, name => Assert.False(SensitiveNames.IsSecret(name), name));
    }
}
