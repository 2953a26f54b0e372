using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.OpenPlatform.Internal;

namespace WeChatErrors.Tests.OpenPlatform;

public sealed class WeChatOpenPlatformOptionsTests
{
    [Fact]
    public void Defaults()
    {
        var options = new WeChatOpenPlatformOptions();

        Assert.Equal(string.Empty, options.ComponentAppSecret);
        Assert.Equal(new Uri("https://api.weixin.qq.com/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(10), options.RefreshBeforeExpiry);
        Assert.False(options.UseDistributedCache);
        Assert.Equal("WeChatErrors:OpenPlatform:", options.DistributedCacheKeyPrefix);
    }

    [Fact]
    public void BindsFromConfiguration_AndNamesTheOptionsAfterThePlatform()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:OpenPlatform:ComponentAppSecret"] = "S3CRET",
            ["WeChat:OpenPlatform:RefreshBeforeExpiry"] = "00:05:00",
            ["WeChat:OpenPlatform:UseDistributedCache"] = "true",
            ["WeChat:OpenPlatform:DistributedCacheKeyPrefix"] = "op:",
        }).Build();
        var services = new ServiceCollection();
        services.AddWeChatOpenPlatform("wxc", configuration.GetSection("WeChat:OpenPlatform"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WeChatOpenPlatformOptions>>().Get("wxc");

        Assert.Equal("wxc", options.ComponentAppId);
        Assert.Equal("S3CRET", options.ComponentAppSecret);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshBeforeExpiry);
        Assert.True(options.UseDistributedCache);
        Assert.Equal("op:", options.DistributedCacheKeyPrefix);
    }

    [Theory]
    [InlineData(-1, "WeChatOpenPlatformOptions.RefreshBeforeExpiry must be between 00:00:00 and 00:30:00; it is -00:00:01.")]
    [InlineData(1801, "WeChatOpenPlatformOptions.RefreshBeforeExpiry must be between 00:00:00 and 00:30:00; it is 00:30:01.")]
    public void RefreshBeforeExpiryOutOfRange_Fails(int seconds, string expected)
    {
        var options = new WeChatOpenPlatformOptions { ComponentAppId = "wxc", ComponentAppSecret = "s", RefreshBeforeExpiry = TimeSpan.FromSeconds(seconds) };

        var result = new WeChatOpenPlatformOptionsCustomValidator().Validate("wxc", options);

        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public void AnotherAppId_ThanTheName_Fails()
    {
        var result = new WeChatOpenPlatformOptionsCustomValidator().Validate("wxc", new WeChatOpenPlatformOptions { ComponentAppId = "wxd", ComponentAppSecret = "s" });

        Assert.Equal(["WeChatOpenPlatformOptions.ComponentAppId ('wxd') must be the AppID the options are registered for ('wxc')."], result.Failures);
    }

    [Fact]
    public void Annotations_RequireTheAppIdAndThePrefix()
    {
        var result = new WeChatOpenPlatformOptionsValidator().Validate("wxc", new WeChatOpenPlatformOptions { ComponentAppSecret = "s", DistributedCacheKeyPrefix = null! });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("ComponentAppId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("DistributedCacheKeyPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public void RefreshMargin_BoundIsTheAccessTokensOne() => Assert.Equal(TimeSpan.FromMinutes(30), WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry);
}
