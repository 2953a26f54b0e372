using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.OpenPlatform.Internal;

/// <summary>Answers of the open platform's token calls that cannot be read: a clear error that never quotes the body.</summary>
public sealed class OpenPlatformEndpointClientTests : IAsyncLifetime
{
    private const string Platform = "wxc0mp0nentpars001";
    private const string Leaked = "LEAKED_TOKEN_IN_BODY_7d1f";
    private FakeWeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeWeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("{\"component_access_token\":\"" + Leaked + "\"}", "expires_in")]
    [InlineData("{\"component_access_token\":\"" + Leaked + "\",\"expires_in\":0}", "expires_in")]
    [InlineData("{\"component_access_token\":\"\",\"expires_in\":7200}", "component_access_token")]
    [InlineData("[\"" + Leaked + "\"]", "a JSON object")]
    [InlineData("<html>" + Leaked + "</html>", "a JSON object")]
    public async Task UnreadableComponentToken_ClearError_WithoutTheBody(string body, string missing)
    {
        _server.Script(FakeOpenPlatform.ComponentToken, FakeResponse.Json(body));
        await using var provider = BuildProvider();
        var source = provider.GetRequiredService<IWeChatComponentTokenSource>();
        await source.SetComponentVerifyTicketAsync(Platform, "ticket@@@1");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => source.GetComponentTokenAsync(Platform, CancellationToken.None).AsTask());

        Assert.Equal($"The open platform answered without {missing}.", ex.Message);
        Assert.DoesNotContain(Leaked, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiresInAsText_IsRead()
    {
        _server.Script(FakeOpenPlatform.ComponentToken, FakeResponse.Json("{\"component_access_token\":\"CT1\",\"expires_in\":\"7200\"}"));
        await using var provider = BuildProvider();
        var source = provider.GetRequiredService<IWeChatComponentTokenSource>();
        await source.SetComponentVerifyTicketAsync(Platform, "ticket@@@1");

        Assert.Equal("CT1", await source.GetComponentTokenAsync(Platform, CancellationToken.None));
    }

    [Fact]
    public async Task RefreshWithoutANewRefreshToken_KeepsTheOneItSent()
    {
        _server.Script(FakeOpenPlatform.ComponentToken, FakeResponse.Json("{\"component_access_token\":\"CT1\",\"expires_in\":7200}"));
        _server.Script(FakeOpenPlatform.AuthorizerToken, FakeResponse.Json("{\"authorizer_access_token\":\"AT1\",\"expires_in\":7200}"));
        await using var provider = BuildProvider();
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, "ticket@@@1");
        var accounts = provider.GetRequiredService<IWeChatAuthorizerTokenSource>();
        await accounts.SetRefreshTokenAsync(Platform, "wxa", "RT1");

        var first = await accounts.GetTokenAsync(Platform, "wxa", CancellationToken.None);
        await accounts.InvalidateAsync(Platform, "wxa", first, CancellationToken.None);
        await accounts.GetTokenAsync(Platform, "wxa", CancellationToken.None);

        Assert.Equal("AT1", first);
        Assert.All(_server.BodiesTo(FakeOpenPlatform.AuthorizerToken), body => Assert.Contains("\"authorizer_refresh_token\":\"RT1\"", body, StringComparison.Ordinal));
        Assert.Equal(2, _server.CallsTo(FakeOpenPlatform.AuthorizerToken));
        Assert.Equal(0, _server.CallsTo(FakeOpenPlatform.AuthorizerInfo));
    }

    [Fact]
    public async Task UnregisteredPlatform_SaysHowToRegisterIt()
    {
        await using var provider = BuildProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            provider.GetRequiredService<IWeChatAuthorizerTokenSource>().GetTokenAsync("wxother", "wxa", CancellationToken.None).AsTask());

        Assert.Equal("No open platform settings for component AppID 'wxother'. Register them with services.AddWeChatOpenPlatform(\"wxother\", ...).", ex.Message);
    }

    private ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero)));
        services.AddWeChatOpenPlatform(Platform, o => { o.ComponentAppSecret = "s"; o.BaseAddress = _server.BaseAddress; });
        return services.BuildServiceProvider();
    }
}
