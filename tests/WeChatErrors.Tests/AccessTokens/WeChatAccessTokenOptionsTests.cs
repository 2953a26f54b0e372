namespace WeChatErrors.Tests.AccessTokens;

public sealed class WeChatAccessTokenOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new WeChatAccessTokenOptions();

        Assert.Equal(string.Empty, options.AppId);
        Assert.Equal(string.Empty, options.AppSecret);
        Assert.Equal(new Uri("https://api.weixin.qq.com/"), options.BaseAddress);
        Assert.Equal(WeChatAccessTokenEndpoint.StableToken, options.Endpoint);
        Assert.Equal(TimeSpan.FromMinutes(3), options.RefreshBeforeExpiry);
        Assert.False(options.UseDistributedCache);
        Assert.Equal("WeChatErrors:AccessToken:", options.DistributedCacheKeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DistributedCacheTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DistributedCacheBreakDuration);
    }

    [Fact]
    public void BaseAddress_AbsoluteHttps_OwnInstance()
    {
        var options = new WeChatAccessTokenOptions();

        Assert.True(options.BaseAddress.IsAbsoluteUri);
        Assert.Equal("https://api.weixin.qq.com/", options.BaseAddress.AbsoluteUri);
        Assert.NotSame(options.BaseAddress, new WeChatAccessTokenOptions().BaseAddress);
    }

    [Fact]
    public void Endpoint_Values()
    {
        Assert.Equal(0, (int)WeChatAccessTokenEndpoint.StableToken);
        Assert.Equal(1, (int)WeChatAccessTokenEndpoint.ClientCredential);
        Assert.Equal(["StableToken", "ClientCredential"], Enum.GetNames<WeChatAccessTokenEndpoint>());
    }
}
