using Microsoft.Extensions.DependencyInjection;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.AccessTokens.Internal;

/// <summary>Every rule of the token options' validators, as <c>AddWeChatAccessTokens</c> registers them, with its exact message.</summary>
public sealed class WeChatAccessTokenOptionsValidatorTests
{
    private const string Secret = "SECRET_9f3e1d";

    [Fact]
    public void SecretSet_Valid() => Assert.Empty(Failures(_ => { }));

    [Fact]
    public void AppIdChanged_Fails() =>
        Assert.Equal(["WeChatAccessTokenOptions.AppId ('wx2') must be the AppID the options are registered for ('wx1')."], Failures(o => o.AppId = "wx2"));

    [Fact]
    public void AppIdEmpty_FailsBothRules() =>
        Assert.Equal(["AppId: The wx1.AppId field is required.", "WeChatAccessTokenOptions.AppId ('') must be the AppID the options are registered for ('wx1')."], Failures(o => o.AppId = string.Empty));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AppSecretEmpty_FailsBothRules(string secret) =>
        Assert.Equal(["AppSecret: The wx1.AppSecret field is required.", "WeChatAccessTokenOptions.AppSecret is required for AppID 'wx1'."], Failures(o => o.AppSecret = secret));

    [Fact]
    public void BaseAddressNull_Fails() =>
        Assert.Equal(["BaseAddress: The wx1.BaseAddress field is required."], Failures(o => o.BaseAddress = null!));

    [Theory]
    [InlineData("ftp://x/", "WeChatAccessTokenOptions.BaseAddress must be an absolute http or https URI; it is 'ftp://x/'.")]
    [InlineData("cgi-bin/", "WeChatAccessTokenOptions.BaseAddress must be an absolute http or https URI; it is 'cgi-bin/'.")]
    public void BaseAddressNotHttp_Fails(string address, string expected) =>
        Assert.Equal([expected], Failures(o => o.BaseAddress = new Uri(address, UriKind.RelativeOrAbsolute)));

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("https://proxy.example.com/wechat/")]
    public void BaseAddressHttpOrHttps_Valid(string address) => Assert.Empty(Failures(o => o.BaseAddress = new Uri(address)));

    [Theory]
    [InlineData(-1, "WeChatAccessTokenOptions.RefreshBeforeExpiry must be between 00:00:00 and 00:30:00; it is -00:00:01.")]
    [InlineData(1801, "WeChatAccessTokenOptions.RefreshBeforeExpiry must be between 00:00:00 and 00:30:00; it is 00:30:01.")]
    public void RefreshBeforeExpiryOutOfRange_Fails(int seconds, string expected) =>
        Assert.Equal([expected], Failures(o => o.RefreshBeforeExpiry = TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0)]
    [InlineData(1800)]
    public void RefreshBeforeExpiryBounds_Valid(int seconds) => Assert.Empty(Failures(o => o.RefreshBeforeExpiry = TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void EndpointUndefined_Fails() =>
        Assert.Equal(["WeChatAccessTokenOptions.Endpoint must be StableToken or ClientCredential; it is 7."], Failures(o => o.Endpoint = (WeChatAccessTokenEndpoint)7));

    [Fact]
    public void DistributedCacheKeyPrefixEmpty_Fails() =>
        Assert.Equal(["DistributedCacheKeyPrefix: The wx1.DistributedCacheKeyPrefix field is required."], Failures(o => o.DistributedCacheKeyPrefix = string.Empty));

    [Theory]
    [InlineData(0, "WeChatAccessTokenOptions.DistributedCacheTimeout must be greater than 00:00:00 and at most 00:00:30; it is 00:00:00.")]
    [InlineData(-1, "WeChatAccessTokenOptions.DistributedCacheTimeout must be greater than 00:00:00 and at most 00:00:30; it is -00:00:00.0010000.")]
    [InlineData(30001, "WeChatAccessTokenOptions.DistributedCacheTimeout must be greater than 00:00:00 and at most 00:00:30; it is 00:00:30.0010000.")]
    public void DistributedCacheTimeoutOutOfRange_Fails(int milliseconds, string expected) =>
        Assert.Equal([expected], Failures(o => o.DistributedCacheTimeout = TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void DistributedCacheTimeoutInfinite_Fails() =>
        Assert.Equal(
            ["WeChatAccessTokenOptions.DistributedCacheTimeout must be greater than 00:00:00 and at most 00:00:30; it is -00:00:00.0010000."],
            Failures(o => o.DistributedCacheTimeout = Timeout.InfiniteTimeSpan));

    [Theory]
    [InlineData(1)]
    [InlineData(30000)]
    public void DistributedCacheTimeoutBounds_Valid(int milliseconds) => Assert.Empty(Failures(o => o.DistributedCacheTimeout = TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(-1, "WeChatAccessTokenOptions.DistributedCacheBreakDuration must be between 00:00:00 and 01:00:00; it is -00:00:01.")]
    [InlineData(3601, "WeChatAccessTokenOptions.DistributedCacheBreakDuration must be between 00:00:00 and 01:00:00; it is 01:00:01.")]
    public void DistributedCacheBreakDurationOutOfRange_Fails(int seconds, string expected) =>
        Assert.Equal([expected], Failures(o => o.DistributedCacheBreakDuration = TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0)]
    [InlineData(3600)]
    public void DistributedCacheBreakDurationBounds_Valid(int seconds) => Assert.Empty(Failures(o => o.DistributedCacheBreakDuration = TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void NoFailureQuotesTheSecret()
    {
        var failures = Failures(o => { o.AppId = "wx2"; o.BaseAddress = new Uri("ftp://x/"); o.RefreshBeforeExpiry = TimeSpan.FromHours(1); o.Endpoint = (WeChatAccessTokenEndpoint)7; });

        Assert.Equal(4, failures.Count);
        Assert.All(failures, f => Assert.DoesNotContain(Secret, f, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Failures(Action<WeChatAccessTokenOptions> configure) =>
        OptionsFailures.Of<WeChatAccessTokenOptions>(new ServiceCollection().AddWeChatAccessTokens("wx1", o => { o.AppSecret = Secret; configure(o); }), "wx1");
}
