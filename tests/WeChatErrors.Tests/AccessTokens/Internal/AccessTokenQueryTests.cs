using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.Tests.AccessTokens.Internal;

public sealed class AccessTokenQueryTests
{
    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get", "https://api.weixin.qq.com/cgi-bin/user/get?access_token=NEW")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get?next_openid=o1", "https://api.weixin.qq.com/cgi-bin/user/get?next_openid=o1&access_token=NEW")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get?access_token=OLD&next_openid=o1", "https://api.weixin.qq.com/cgi-bin/user/get?access_token=NEW&next_openid=o1")]
    [InlineData("https://api.weixin.qq.com/a?x=1&access_token=OLD&access_token=OLD2", "https://api.weixin.qq.com/a?x=1&access_token=NEW")]
    [InlineData("https://api.weixin.qq.com/a?access_token=&x=1", "https://api.weixin.qq.com/a?access_token=NEW&x=1")]
    [InlineData("https://api.weixin.qq.com/a?component_access_token=C", "https://api.weixin.qq.com/a?component_access_token=C&access_token=NEW")]
    [InlineData("http://127.0.0.1:5000/proxy/cgi-bin/a?x=%20y#f", "http://127.0.0.1:5000/proxy/cgi-bin/a?x=%20y&access_token=NEW#f")]
    public void WithToken_Uri_SetsExactlyOneToken(string input, string expected) =>
        Assert.Equal(expected, AccessTokenQuery.WithToken(new Uri(input), "NEW").AbsoluteUri);

    [Fact]
    public void WithToken_TokenNeedingEscapes_RoundTrips()
    {
        var uri = AccessTokenQuery.WithToken(new Uri("https://api.weixin.qq.com/a"), "a+b/c=d&e");

        Assert.True(AccessTokenQuery.TryGet(uri, out var token));
        Assert.Equal("a+b/c=d&e", token);
    }

    [Theory]
    [InlineData("https://api.weixin.qq.com/a?access_token=T1&x=1", "T1")]
    [InlineData("https://api.weixin.qq.com/a?x=1&access_token=T2", "T2")]
    [InlineData("https://api.weixin.qq.com/a?access_token=", null)]
    [InlineData("https://api.weixin.qq.com/a?component_access_token=C", null)]
    [InlineData("https://api.weixin.qq.com/a", null)]
    public void TryGet_Uri_ReadsOnlyAccessToken(string input, string? expected)
    {
        var found = AccessTokenQuery.TryGet(new Uri(input), out var token);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected, token);
    }
}
