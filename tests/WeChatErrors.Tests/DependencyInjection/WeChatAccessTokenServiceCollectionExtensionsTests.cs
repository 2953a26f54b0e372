using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WeChatErrors.Tests.DependencyInjection;

public sealed class WeChatAccessTokenServiceCollectionExtensionsTests
{
    [Fact]
    public void AddWeChatAccessTokens_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWeChatAccessTokens("wx1", _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddWeChatAccessTokens(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddWeChatAccessTokens("wx1", (Action<WeChatAccessTokenOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddWeChatAccessTokens("wx1", (IConfiguration)null!));
        Assert.Throws<ArgumentException>(() => services.AddWeChatAccessTokens(string.Empty, _ => { }));
    }

    [Fact]
    public void AddWeChatAccessTokens_Configuration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppSecret"] = "S1",
            ["BaseAddress"] = "http://127.0.0.1:5000/",
            ["Endpoint"] = "ClientCredential",
            ["RefreshBeforeExpiry"] = "00:04:00",
            ["UseDistributedCache"] = "true",
            ["DistributedCacheKeyPrefix"] = "p:",
        }).Build();
        using var provider = new ServiceCollection().AddWeChatAccessTokens("wx1", configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>().Get("wx1");

        Assert.Equal("wx1", options.AppId);
        Assert.Equal("S1", options.AppSecret);
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.BaseAddress);
        Assert.Equal(WeChatAccessTokenEndpoint.ClientCredential, options.Endpoint);
        Assert.Equal(TimeSpan.FromMinutes(4), options.RefreshBeforeExpiry);
        Assert.True(options.UseDistributedCache);
        Assert.Equal("p:", options.DistributedCacheKeyPrefix);
    }

    [Fact]
    public void AddWeChatAccessTokens_InvalidOptions_FailWithTheirNamesAndNoSecret()
    {
        using var provider = new ServiceCollection()
            .AddWeChatAccessTokens("wx1", o => { o.AppId = "wx2"; o.RefreshBeforeExpiry = TimeSpan.FromHours(1); o.BaseAddress = new Uri("ftp://x/"); })
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>().Get("wx1"));

        Assert.Contains("WeChatAccessTokenOptions.AppId ('wx2') must be the AppID the options are registered for ('wx1').", ex.Failures);
        Assert.Contains("WeChatAccessTokenOptions.AppSecret is required for AppID 'wx1'.", ex.Failures);
        Assert.Contains("WeChatAccessTokenOptions.BaseAddress must be an absolute http or https URI; it is 'ftp://x/'.", ex.Failures);
        Assert.Contains("WeChatAccessTokenOptions.RefreshBeforeExpiry must be between 00:00:00 and 00:30:00; it is 01:00:00.", ex.Failures);
    }

    [Fact]
    public void AddWeChatAccessTokens_BadConfigurationValue_HidesTheSecret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AppSecret"] = "S1", ["RefreshBeforeExpiry"] = "soon" }).Build();
        using var provider = new ServiceCollection().AddWeChatAccessTokens("wx1", configuration).BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>().Get("wx1"));

        // The configuration binder names the key and the type, and quotes no value: the secret cannot show.
        Assert.Equal("Failed to convert configuration value at 'RefreshBeforeExpiry' to type 'System.TimeSpan'.", ex.Message);
        Assert.DoesNotContain("S1", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddWeChatAccessTokens_OwnSourceRegisteredFirst_IsKept()
    {
        var own = new OwnSource();
        var services = new ServiceCollection().AddSingleton<IWeChatAccessTokenSource>(own);

        using var provider = services.AddWeChatAccessTokens("wx1", o => o.AppSecret = "S").BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IWeChatAccessTokenSource>());
    }

    [Fact]
    public async Task GetTokenAsync_UnregisteredAppId_ThrowsWithTheFix()
    {
        using var provider = new ServiceCollection().AddWeChatAccessTokens("wx1", o => o.AppSecret = "S").BuildServiceProvider();
        var source = provider.GetRequiredService<IWeChatAccessTokenSource>();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.GetTokenAsync("wx9", CancellationToken.None));

        Assert.Contains("AddWeChatAccessTokens(\"wx9\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWeChatAccessToken_Arguments_Checked()
    {
        var builder = new ServiceCollection().AddHttpClient("c");

        Assert.Throws<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddWeChatAccessToken("wx1"));
        Assert.Throws<ArgumentNullException>(() => builder.AddWeChatAccessToken(null!));
        Assert.Throws<ArgumentException>(() => builder.AddWeChatAccessToken(string.Empty));
    }

    [Fact]
    public void AddWeChatAccessToken_SecondAppIdOnOneClient_Throws_SameAppIdIsIgnored()
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient("c").AddWeChatAccessToken("wx1");

        Assert.Same(builder, builder.AddWeChatAccessToken("wx1"));
        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddWeChatAccessToken("wx2"));
        Assert.Contains("'wx1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWeChatAccessToken_NoSource_ThrowsWithTheFix()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri("http://127.0.0.1:9/")).AddWeChatAccessToken("wx1");
        using var provider = services.BuildServiceProvider();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("c").GetAsync("cgi-bin/user/get"));

        Assert.Contains("AddWeChatAccessTokens(\"wx1\"", ex.Message, StringComparison.Ordinal);
    }

    private sealed class OwnSource : IWeChatAccessTokenSource
    {
        public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken) => new("OWN");

        public ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken) => default;
    }
}
