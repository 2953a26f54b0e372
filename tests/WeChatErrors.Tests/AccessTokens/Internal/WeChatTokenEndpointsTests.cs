using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.AccessTokens.Internal;

public sealed class WeChatTokenEndpointsTests
{
    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential", true)]
    [InlineData("https://api.weixin.qq.com/cgi-bin/stable_token", true)]
    [InlineData("https://api.weixin.qq.com/cgi-bin/component/api_component_token", true)]
    [InlineData("http://127.0.0.1:8080/wechat/cgi-bin/stable_token/", true)]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get", false)]
    [InlineData("https://api.weixin.qq.com/cgi-bin/ticket/getticket", false)]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/access_token", false)]
    public void IsTokenEndpoint_Path_Classified(string uri, bool expected) =>
        Assert.Equal(expected, WeChatTokenEndpoints.IsTokenEndpoint(new Uri(uri)));

    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=S3CR3T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/stable_token")]
    public void Create_TokenCodeOnTokenEndpoint_IsConfigurationException(string uri)
    {
        var ex = WeChatExceptionFactory.Create(40001, null, "invalid credential", "GET", new Uri(uri));

        var configuration = Assert.IsType<WeChatConfigurationException>(ex);
        Assert.Equal(WeChatErrorKind.Configuration, configuration.Kind);
        Assert.Equal(WeChatErrorCode.InvalidCredential, configuration.ErrorCode);
        Assert.Contains("AppSecret", configuration.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3CR3T", configuration.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TokenCodeOnBusinessApi_IsAccessTokenException()
    {
        var ex = WeChatExceptionFactory.Create(40001, null, "invalid credential", "GET", new Uri("https://api.weixin.qq.com/cgi-bin/user/get?access_token=T"));

        Assert.IsType<WeChatAccessTokenException>(ex);
        Assert.Equal(WeChatErrorKind.AccessToken, ex.Kind);
    }
}
