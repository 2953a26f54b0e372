using System.Diagnostics;
using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Tests.TestSupport;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Integration.OpenPlatform;

/// <summary>
/// A third-party platform's tokens against the fake open platform on a real Kestrel socket: the component token from a handed-in
/// ticket, account tokens from rotating refresh tokens, and each recovery of the table once, never a loop.
/// </summary>
public sealed class OpenPlatformEndToEndTests : IAsyncLifetime
{
    private const string Platform = "wx0penp1atf0rm0001";
    private const string PlatformSecret = "COMPONENT_SECRET_3f9a1c7e5b";
    private const string AccountA = "wxacc0unta00000001";
    private const string AccountB = "wxacc0untb00000002";

    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly SignalCapture _signals = new(nameof(OpenPlatformEndToEndTests));
    private FakeWeChatServer _server = null!;
    private FakeOpenPlatform _platform = null!;

    public OpenPlatformEndToEndTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _platform = _server.IssueOpenPlatformTokens(_time).AddComponent(Platform, PlatformSecret).AddAuthorizer(Platform, AccountA).AddAuthorizer(Platform, AccountB);
    }

    public async Task DisposeAsync()
    {
        _signals.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AccountCall_WithAHandedInTicketAndAStoredRefreshToken_FetchesEachTokenOnce()
    {
        await using var provider = BuildProvider();
        await Seed(provider);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Client(provider, "a").GetStringAsync(FakeOpenPlatform.CheckedPath)));

        Assert.All(answers, a => Assert.Contains($"\"authorizer_appid\":\"{AccountA}\"", a, StringComparison.Ordinal));
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Single(logs, r => r.Id.Name == "WeChatComponentTokenFetched");
        Assert.Single(logs, r => r.Id.Name == "WeChatAuthorizerTokenRefreshed" && r.Message.Contains("rotated: True", StringComparison.Ordinal));
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task Burst_StaleAuthorizerToken_OneRefreshAndFiftySuccesses()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var http = Client(provider, "a");
        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();
        _platform.InvalidateAuthorizerToken(Platform, AccountA);
        _platform.Delay = TimeSpan.FromMilliseconds(50);
        var checkedBefore = _platform.CheckedCalls;

        var watch = Stopwatch.StartNew();
        HttpResponseMessage[] responses;
        using (_signals.Source.StartActivity("burst"))
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetAsync(FakeOpenPlatform.CheckedPath)));
        }

        watch.Stop();
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(bodies, b => Assert.Contains("\"errcode\":0", b, StringComparison.Ordinal));
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));
        var recovered = _signals.Retries.GetMeasurementSnapshot();
        Assert.InRange(recovered.Count, 1, 50);
        Assert.All(recovered, m => Assert.Equal(40001, m.Tags["wechat.errcode"]));
        Assert.Equal(50 + recovered.Count, _platform.CheckedCalls - checkedBefore);
        _output.WriteLine(
            $"burst of 50 account calls with a stale authorizer token: {bodies.Length} successes, {_platform.AuthorizerRefreshes(Platform, AccountA) - 1} refresh, " +
            $"{recovered.Count} recoveries (40001, sent again once), {_platform.CheckedCalls - checkedBefore} business requests, {watch.ElapsedMilliseconds} ms");
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task StaleComponentToken_OnTheRefresh_IsRecoveredOnce_AndThePlatformsOwnCallToo()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        (await Client(provider, "platform").PostAsync(FakeOpenPlatform.AuthorizerList, Json($"{{\"component_appid\":\"{Platform}\",\"offset\":0,\"count\":100}}"))).EnsureSuccessStatusCode();
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));

        // The account's refresh (api_authorizer_token) carries the stale component token: 40001, recovered once.
        _platform.InvalidateComponentToken(Platform);
        using var call = await Client(provider, "a").GetAsync(FakeOpenPlatform.CheckedPath);
        call.EnsureSuccessStatusCode();
        Assert.Equal(2, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(2, _server.CallsTo(FakeOpenPlatform.AuthorizerToken));

        // The platform's own call with AddWeChatComponentToken.
        _platform.InvalidateComponentToken(Platform);
        using var list = await Client(provider, "platform").PostAsync(FakeOpenPlatform.AuthorizerList, Json($"{{\"component_appid\":\"{Platform}\",\"offset\":0,\"count\":100}}"));
        Assert.Contains($"\"authorizer_appid\":\"{AccountA}\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(3, _server.CallsTo(FakeOpenPlatform.AuthorizerList));
        Assert.All(_signals.Retries.GetMeasurementSnapshot(), m => Assert.Equal(40001, m.Tags["wechat.errcode"]));
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task PersistentStaleAuthorizerToken_IsSentTwice_NeverThreeTimes()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var http = Client(provider, "a");
        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();
        var checkedBefore = _platform.CheckedCalls;

        // A caller-owned token that is not the source's: never recovered. The source's token that WeChat keeps refusing: once.
        var ex = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath + "?access_token=not-the-current-one"));
        Assert.Equal(1, ex.Attempts);

        _platform.RefuseAuthorizerTokens(Platform, AccountA);
        var refused = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));

        Assert.Equal(WeChatErrorCode.InvalidCredential, refused.ErrorCode);
        Assert.Equal(2, refused.Attempts);
        Assert.Equal(3, _platform.CheckedCalls - checkedBefore);
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, AccountA));
        AssertNoSecrets(provider, refused);
    }

    [Fact]
    public async Task ExpiredAuthorizerToken_42001_IsRecoveredOnce()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var http = Client(provider, "a");
        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();
        _platform.ExpireAuthorizerToken(Platform, AccountA);

        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();

        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(42001, Assert.Single(_signals.Retries.GetMeasurementSnapshot()).Tags["wechat.errcode"]);
    }

    [Fact]
    public async Task TicketRejected_ANewerStoredTicketIsTriedOnce_AndServes()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var tickets = provider.GetRequiredService<IWeChatComponentTokenSource>();
        _platform.FailTicketsWith(Platform, 61005, times: 1);
        var newer = _platform.IssueTicket(Platform);
        _platform.BeforeNextComponentTokenAnswer = () => tickets.SetComponentVerifyTicketAsync(Platform, newer);

        var token = await tickets.GetComponentTokenAsync(Platform, CancellationToken.None);

        Assert.NotEmpty(token);
        Assert.Equal(2, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(0, _platform.PushTicketCalls(Platform));
        AssertNoSecrets(provider);
    }

    [Theory]
    [InlineData(61005)]
    [InlineData(61006)]
    public async Task TicketRejected_NoNewerOne_AsksForAPushOnce_AndSaysTheTicketIsMissing(int code)
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        _platform.FailTicketsWith(Platform, code, times: 10);
        var http = Client(provider, "a");

        var ex = await Assert.ThrowsAsync<WeChatComponentTicketException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));
        var again = await Assert.ThrowsAsync<WeChatComponentTicketException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));

        Assert.Equal(code, ex.RawErrorCode);
        Assert.Equal(Platform, ex.ComponentAppId);
        Assert.True(ex.PushRequested);
        Assert.Contains("SetComponentVerifyTicketAsync", ex.Message, StringComparison.Ordinal);
        Assert.Contains("api_start_push_ticket", ex.Message, StringComparison.Ordinal);

        // The rejected ticket is not sent again, and the push is asked for once a minute at most.
        Assert.Equal(0, again.RawErrorCode);
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(1, _platform.PushTicketCalls(Platform));
        Assert.Equal(0, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(0, _platform.CheckedCalls);

        // A minute later, still no ticket: asked for again.
        _time.Advance(TimeSpan.FromSeconds(61));
        var later = await Assert.ThrowsAsync<WeChatComponentTicketException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));
        Assert.True(later.PushRequested);
        Assert.Equal(2, _platform.PushTicketCalls(Platform));

        // The pushed ticket arrives: the next call works.
        _platform.FailTicketsWith(Platform, code, times: 0);
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.IssueTicket(Platform));
        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();
        Assert.Equal(2, _platform.ComponentTokenFetches(Platform));
        Assert.Contains(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "WeChatTicketPushRequested");
        AssertNoSecrets(provider, ex);
    }

    [Fact]
    public async Task NoTicketYet_AsksForAPush_AndSaysSo()
    {
        await using var provider = BuildProvider();

        var ex = await Assert.ThrowsAsync<WeChatComponentTicketException>(() => Client(provider, "platform").PostAsync(FakeOpenPlatform.AuthorizerList, Json("{}")));

        Assert.True(ex.PushRequested);
        Assert.Equal(0, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(1, _platform.PushTicketCalls(Platform));
        Assert.Equal(0, _server.CallsTo(FakeOpenPlatform.AuthorizerList));
    }

    [Fact]
    public async Task RefreshTokenInvalid_61023_TakesTheCurrentOneFromAuthorizerInfo_Once()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        _platform.InvalidateRefreshToken(Platform, AccountA);

        (await Client(provider, "a").GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();

        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, AccountA));
        Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "WeChatAuthorizerRefreshTokenRead");
        AssertNoSecrets(provider);
    }

    [Fact]
    public async Task RefreshTokenInvalidForGood_61023_MeansAuthorizeAgain_NeverALoop()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        _platform.BreakRefreshTokens(Platform, AccountA);

        var ex = await Assert.ThrowsAsync<WeChatReauthorizationRequiredException>(() => Client(provider, "a").GetAsync(FakeOpenPlatform.CheckedPath));

        Assert.Equal(WeChatErrorCode.RefreshTokenInvalid, ex.ErrorCode);
        Assert.Equal(AccountA, ex.AuthorizerAppId);
        Assert.Equal(Platform, ex.ComponentAppId);
        Assert.False(ex.IsTransient);
        Assert.Contains("authorize the platform again", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, AccountA));
        Assert.Equal(0, _platform.CheckedCalls);
        AssertNoSecrets(provider, ex);
    }

    [Fact]
    public async Task Revoked_61003_MeansAuthorizeAgain_WithoutAnotherRefresh()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        _platform.Revoke(Platform, AccountA);

        var ex = await Assert.ThrowsAsync<WeChatReauthorizationRequiredException>(() => Client(provider, "a").GetAsync(FakeOpenPlatform.CheckedPath));

        Assert.Equal(WeChatErrorCode.ComponentNotAuthorizedByAccount, ex.ErrorCode);
        Assert.Contains("revoked", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(0, _platform.AuthorizerInfoCalls(Platform, AccountA));
        AssertNoSecrets(provider, ex);
    }

    [Fact]
    public async Task Revoked_LaterCalls_AreRefusedAtOnceForAMinute_ANewAuthorizationEndsIt()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        _platform.Revoke(Platform, AccountA);
        var http = Client(provider, "a");

        await Assert.ThrowsAsync<WeChatReauthorizationRequiredException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));
        var again = await Assert.ThrowsAsync<WeChatReauthorizationRequiredException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));
        Assert.Equal(WeChatErrorCode.ComponentNotAuthorizedByAccount, again.ErrorCode);
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));

        _time.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<WeChatReauthorizationRequiredException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));
        Assert.Equal(2, _platform.AuthorizerRefreshes(Platform, AccountA));

        await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().CompleteAuthorizationAsync(Platform, _platform.CreateAuthorizationCode(Platform, AccountA));
        (await http.GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task PerAccountClient_RequestNamingAnotherAccount_IsRefused_TheSameAccountPasses()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var http = Client(provider, "a");

        using var other = new HttpRequestMessage(HttpMethod.Get, FakeOpenPlatform.CheckedPath).SetWeChatAuthorizer(AccountB);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => http.SendAsync(other));
        using var same = new HttpRequestMessage(HttpMethod.Get, FakeOpenPlatform.CheckedPath).SetWeChatAuthorizer(AccountA);
        using var response = await http.SendAsync(same);

        Assert.Contains($"names the authorizer '{AccountB}', but its client supplies the token of '{AccountA}'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _platform.AuthorizerRefreshes(Platform, AccountB));
        Assert.Contains($"\"authorizer_appid\":\"{AccountA}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClientForEveryAccount_ARequestWithItsOwnToken_NeedsNoAccountName()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        var token = await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().GetTokenAsync(Platform, AccountA, CancellationToken.None);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("accounts")
            .GetAsync(FakeOpenPlatform.CheckedPath + "?access_token=" + Uri.EscapeDataString(token));

        Assert.Contains($"\"authorizer_appid\":\"{AccountA}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStoredRefreshToken_IsFilledFromAuthorizerInfo()
    {
        await using var provider = BuildProvider();
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));

        (await Client(provider, "a").GetAsync(FakeOpenPlatform.CheckedPath)).EnsureSuccessStatusCode();

        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, AccountA));
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));
    }

    [Fact]
    public async Task CompleteAuthorization_StoresTheTokens_AndTheFirstCallNeedsNoRefresh()
    {
        await using var provider = BuildProvider();
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));
        var code = _platform.CreateAuthorizationCode(Platform, "wxnewacc0unt000003");

        var authorization = await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().CompleteAuthorizationAsync(Platform, code);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("accounts");
        using var request = new HttpRequestMessage(HttpMethod.Get, FakeOpenPlatform.CheckedPath).SetWeChatAuthorizer("wxnewacc0unt000003");
        using var response = await http.SendAsync(request);

        Assert.Equal("wxnewacc0unt000003", authorization.AuthorizerAppId);
        Assert.Equal([1, 15], authorization.FunctionScopeIds);
        Assert.Equal(_platform.CurrentRefreshToken(Platform, "wxnewacc0unt000003"), authorization.RefreshToken);
        Assert.DoesNotContain(authorization.RefreshToken, authorization.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"authorizer_appid\":\"wxnewacc0unt000003\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _platform.AuthorizerRefreshes(Platform, "wxnewacc0unt000003"));
        var used = await Assert.ThrowsAsync<WeChatApiException>(() => provider.GetRequiredService<IWeChatAuthorizerTokenSource>().CompleteAuthorizationAsync(Platform, code));
        Assert.Equal(WeChatErrorCode.ComponentCodeExpired, used.ErrorCode);
        Assert.Equal(1, used.Attempts);
        AssertNoSecrets(provider, used);
    }

    [Fact]
    public async Task OneClientForEveryAccount_TokensNeverMix_AndAnUnnamedRequestFailsBeforeItIsSent()
    {
        await using var provider = BuildProvider();
        await Seed(provider);
        await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().SetRefreshTokenAsync(Platform, AccountB, _platform.CurrentRefreshToken(Platform, AccountB));
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("accounts");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, FakeOpenPlatform.CheckedPath).SetWeChatAuthorizer(i % 2 == 0 ? AccountA : AccountB);
            using var response = await http.SendAsync(request);
            Assert.False(request.RequestUri!.Query.Contains("access_token", StringComparison.Ordinal));
            return await response.Content.ReadAsStringAsync();
        }));
        var unnamed = await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync(FakeOpenPlatform.CheckedPath));

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Contains($"\"authorizer_appid\":\"{(i % 2 == 0 ? AccountA : AccountB)}\"", answers[i], StringComparison.Ordinal);
        }

        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountA));
        Assert.Equal(1, _platform.AuthorizerRefreshes(Platform, AccountB));
        Assert.Contains("SetWeChatAuthorizer", unnamed.Message, StringComparison.Ordinal);
        AssertNoSecrets(provider);
    }

    [Fact]
    public void Registration_OneTokenPerClient_AndArgumentsChecked()
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient("x").AddWeChatAuthorizerToken(Platform, AccountA);

        Assert.Same(builder, builder.AddWeChatAuthorizerToken(Platform, AccountA));
        Assert.Throws<InvalidOperationException>(() => builder.AddWeChatComponentToken(Platform));
        Assert.Throws<InvalidOperationException>(() => builder.AddWeChatAccessToken("wx1"));
        Assert.Throws<ArgumentException>(() => services.AddHttpClient("y").AddWeChatAuthorizerToken(Platform, ""));
        Assert.Throws<ArgumentException>(() => services.AddWeChatOpenPlatform("", o => o.ComponentAppSecret = "s"));
    }

    [Fact]
    public async Task MissingSecret_FailsAtStart_WithoutTheValue()
    {
        var services = new ServiceCollection();
        services.AddWeChatOpenPlatform(Platform, o => o.BaseAddress = new Uri("ftp://example.com/"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WeChatOpenPlatformOptions>>().Get(Platform));

        Assert.Contains($"WeChatOpenPlatformOptions.ComponentAppSecret is required for component AppID '{Platform}'.", ex.Failures);
        Assert.Contains("WeChatOpenPlatformOptions.BaseAddress must be an absolute http or https URI; it is 'ftp://example.com/'.", ex.Failures);
    }

    internal static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static HttpClient Client(ServiceProvider provider, string name) => provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private async Task Seed(ServiceProvider provider)
    {
        await provider.GetRequiredService<IWeChatComponentTokenSource>().SetComponentVerifyTicketAsync(Platform, _platform.LatestTicket(Platform));
        await provider.GetRequiredService<IWeChatAuthorizerTokenSource>().SetRefreshTokenAsync(Platform, AccountA, _platform.CurrentRefreshToken(Platform, AccountA));
    }

    private ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddWeChatOpenPlatform(Platform, o =>
        {
            o.ComponentAppSecret = PlatformSecret;
            o.BaseAddress = _server.BaseAddress;
        });
        services.AddHttpClient("a", c => c.BaseAddress = _server.BaseAddress).AddWeChatAuthorizerToken(Platform, AccountA).AddWeChatErrorHandling();
        services.AddHttpClient("accounts", c => c.BaseAddress = _server.BaseAddress).AddWeChatAuthorizerToken(Platform).AddWeChatErrorHandling();
        services.AddHttpClient("platform", c => c.BaseAddress = _server.BaseAddress).AddWeChatComponentToken(Platform).AddWeChatErrorHandling();
        var provider = services.BuildServiceProvider();
        _signals.Track(provider);
        return provider;
    }

    private void AssertNoSecrets(ServiceProvider provider, Exception? exception = null) =>
        _signals.AssertNoSecrets(_platform.IssuedSecrets, provider, exception);
}
