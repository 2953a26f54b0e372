using WeChatErrors.Http.Internal;

namespace WeChatErrors.Tests.Http.Internal;

public sealed class ProductResolverTests
{
    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/user/get", WeChatProduct.WeCom)]
    [InlineData("http://QYAPI.WEIXIN.QQ.COM:80/cgi-bin/user/get", WeChatProduct.WeCom)]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get", WeChatProduct.WeChat)]
    [InlineData("https://sh.api.weixin.qq.com/cgi-bin/user/get", WeChatProduct.WeChat)]
    [InlineData("https://qyapi.weixin.qq.com.evil.example/cgi-bin/user/get", WeChatProduct.WeChat)]
    public void Resolve_Default_OnlyTheWeComHost(string uri, WeChatProduct expected) =>
        Assert.Equal(expected, new ProductResolver(new WeChatErrorHandlingOptions().WeComHosts).Resolve(new Uri(uri)));

    [Theory]
    [InlineData("wecom.example.com", "https://wecom.example.com:9443/x", true)]
    [InlineData("wecom.example.com:9443", "https://wecom.example.com:9443/x", true)]
    [InlineData("wecom.example.com:9443", "https://wecom.example.com/x", false)]
    [InlineData("gw.example.com/qyapi", "https://gw.example.com/qyapi", true)]
    [InlineData("gw.example.com/qyapi/", "https://gw.example.com/qyapi/cgi-bin/x", true)]
    [InlineData("gw.example.com/qyapi", "https://gw.example.com/qyapi2/cgi-bin/x", false)]
    [InlineData("gw.example.com/qyapi", "https://gw.example.com/cgi-bin/x", false)]
    [InlineData("https://gw.example.com/wecom", "http://gw.example.com/wecom/cgi-bin/x", true)]
    public void Resolve_Entry_HostPortAndPathPrefix(string entry, string uri, bool weCom) =>
        Assert.Equal(weCom ? WeChatProduct.WeCom : WeChatProduct.WeChat, new ProductResolver([entry]).Resolve(new Uri(uri)));

    [Fact]
    public void Resolve_NoOrRelativeUri_IsWeChat()
    {
        var resolver = new ProductResolver(["qyapi.weixin.qq.com"]);

        Assert.Equal(WeChatProduct.WeChat, resolver.Resolve((Uri?)null));
        Assert.Equal(WeChatProduct.WeChat, resolver.Resolve(new Uri("cgi-bin/user/get", UriKind.Relative)));
    }

    [Fact]
    public void Resolve_RequestReadAsWeCom_IsWeComOnAnyHost()
    {
        var resolver = new ProductResolver(["qyapi.weixin.qq.com"]);
        using var marked = new HttpRequestMessage(HttpMethod.Get, "https://api.weixin.qq.com/cgi-bin/x").ReadAsWeCom();
        using var plain = new HttpRequestMessage(HttpMethod.Get, "https://api.weixin.qq.com/cgi-bin/x");

        Assert.True(marked.IsReadAsWeCom());
        Assert.Equal(WeChatProduct.WeCom, resolver.Resolve(marked));
        Assert.Equal(WeChatProduct.WeChat, resolver.Resolve(plain));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ftp://x.example.com")]
    [InlineData("x.example.com/a?b=c")]
    [InlineData("x.example.com/a#b")]
    public void TryParse_NoHost_IsRefused(string? entry) => Assert.False(ProductResolver.TryParse(entry, out _));
}
