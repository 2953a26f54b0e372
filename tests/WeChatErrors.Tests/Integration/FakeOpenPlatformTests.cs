using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using FakeWeChat;
using Microsoft.Extensions.Time.Testing;

namespace WeChatErrors.Tests.Integration;

/// <summary>
/// The fake open platform answers as WeChat's third-party platform does, read with a plain <see cref="HttpClient"/>: tickets and
/// component tokens, authorization codes, rotating refresh tokens, revocation, the checked call and the counters.
/// </summary>
public sealed class FakeOpenPlatformTests : IAsyncLifetime
{
    private const string Platform = "wx0penp1atf0rm0001";
    private const string PlatformSecret = "COMPONENT_SECRET_3f9a1c7e5b";
    private const string OtherPlatform = "wx0penp1atf0rm0002";
    private const string Account = "wxacc0unta00000001";
    private const string OtherAccount = "wxacc0untb00000002";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private FakeWeChatServer _server = null!;
    private FakeOpenPlatform _platform = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWeChatServer.StartAsync();
        _platform = _server.IssueOpenPlatformTokens(_time)
            .AddComponent(Platform, PlatformSecret)
            .AddComponent(OtherPlatform, "COMPONENT_SECRET_OTHER_8d2b")
            .AddAuthorizer(Platform, Account);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ComponentToken_ForTheSecretAndTheLatestTicket_IsIssuedAndAccepted()
    {
        using var response = await _http.PostAsync(FakeOpenPlatform.ComponentToken, Body(new { component_appid = Platform, component_appsecret = PlatformSecret, component_verify_ticket = _platform.LatestTicket(Platform) }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = await ReadAsync(response);
        var token = answer.GetProperty("component_access_token").GetString()!;
        Assert.StartsWith($"componenttoken@@@{Platform}+", token, StringComparison.Ordinal);
        Assert.Equal(7200, answer.GetProperty("expires_in").GetInt32());
        Assert.Equal(1, (await ListAsync(token)).GetProperty("total_count").GetInt32());
        Assert.Equal(1, _platform.ComponentTokenFetches(Platform));
        Assert.Equal(0, _platform.ComponentTokenFetches(OtherPlatform));
    }

    [Fact]
    public async Task ComponentToken_UnknownPlatformOrWrongSecret_40013Or40125()
    {
        var unknown = await PostAsync(FakeOpenPlatform.ComponentToken, new { component_appid = "wxunknown000000000", component_appsecret = PlatformSecret, component_verify_ticket = _platform.LatestTicket(Platform) });
        var wrong = await PostAsync(FakeOpenPlatform.ComponentToken, new { component_appid = Platform, component_appsecret = "WRONG", component_verify_ticket = _platform.LatestTicket(Platform) });

        AssertError(unknown, 40013);
        AssertError(wrong, 40125, "invalid appsecret");
    }

    [Fact]
    public async Task Ticket_UnknownOrAnotherPlatformsOne_61006()
    {
        AssertError(await FetchComponentTokenAsync("ticket@@@made-up"), 61006, "component ticket is invalid");
        AssertError(await FetchComponentTokenAsync(_platform.LatestTicket(OtherPlatform)), 61006, "component ticket is invalid");
    }

    [Fact]
    public async Task Ticket_StaysValidTwelveHoursAfterANewerOne_ThenExpires61005()
    {
        var first = _platform.LatestTicket(Platform);
        _time.Advance(TimeSpan.FromHours(11));
        var second = _platform.IssueTicket(Platform);
        Assert.NotEqual(first, second);
        Assert.Equal(second, _platform.LatestTicket(Platform));

        Assert.True((await FetchComponentTokenAsync(first)).TryGetProperty("component_access_token", out _));
        _time.Advance(TimeSpan.FromHours(1));

        AssertError(await FetchComponentTokenAsync(first), 61005, "component ticket is expired");
        Assert.True((await FetchComponentTokenAsync(second)).TryGetProperty("component_access_token", out _));
        Assert.Equal(3, _platform.ComponentTokenFetches(Platform));
    }

    [Fact]
    public async Task ExpireAllTickets_61005_UntilANewTicket()
    {
        var ticket = _platform.LatestTicket(Platform);
        _platform.ExpireAllTickets(Platform);

        AssertError(await FetchComponentTokenAsync(ticket), 61005, "component ticket is expired");
        Assert.True((await FetchComponentTokenAsync(_platform.IssueTicket(Platform))).TryGetProperty("component_access_token", out _));
    }

    [Theory]
    [InlineData(61005)]
    [InlineData(61006)]
    public async Task FailTicketsWith_AnswersTheCodeThatManyTimes_WhateverTheTicket(int code)
    {
        _platform.FailTicketsWith(Platform, code, times: 2);

        AssertError(await FetchComponentTokenAsync(_platform.LatestTicket(Platform)), code);
        AssertError(await FetchComponentTokenAsync(_platform.IssueTicket(Platform)), code);
        Assert.True((await FetchComponentTokenAsync(_platform.LatestTicket(Platform))).TryGetProperty("component_access_token", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => _platform.FailTicketsWith(Platform, 40001, 1));
    }

    [Fact]
    public async Task StartPushTicket_IssuesANewTicket_AndCounts()
    {
        var before = _platform.LatestTicket(Platform);

        var ok = await PostAsync(FakeOpenPlatform.StartPushTicket, new { component_appid = Platform, component_secret = PlatformSecret });
        var wrong = await PostAsync(FakeOpenPlatform.StartPushTicket, new { component_appid = Platform, component_secret = "WRONG" });

        Assert.Equal(0, ok.GetProperty("errcode").GetInt32());
        Assert.Equal("ok", ok.GetProperty("errmsg").GetString());
        AssertError(wrong, 40125);
        var pushed = _platform.LatestTicket(Platform);
        Assert.NotEqual(before, pushed);
        Assert.StartsWith($"ticket@@@{Platform}/", pushed, StringComparison.Ordinal);
        Assert.True((await FetchComponentTokenAsync(pushed)).TryGetProperty("component_access_token", out _));
        Assert.Equal(2, _platform.PushTicketCalls(Platform));
        Assert.Equal(0, _platform.PushTicketCalls(OtherPlatform));
    }

    [Fact]
    public async Task ComponentToken_ANewOneEndsThePrevious_UnlessItStaysValid()
    {
        var first = await ComponentTokenAsync();
        var second = await ComponentTokenAsync();

        AssertError(await ListAsync(first), 40001);
        Assert.Equal(1, (await ListAsync(second)).GetProperty("total_count").GetInt32());

        _platform.PreviousComponentTokenStaysValid = true;
        var third = await ComponentTokenAsync();
        Assert.Equal(1, (await ListAsync(second)).GetProperty("total_count").GetInt32());
        Assert.Equal(1, (await ListAsync(third)).GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task ComponentToken_Invalidated40001_Expired42001_Missing41001()
    {
        var token = await ComponentTokenAsync();
        _platform.InvalidateComponentToken(Platform);
        AssertError(await ListAsync(token), 40001, "invalid credential");

        token = await ComponentTokenAsync();
        _platform.ExpireComponentToken(Platform);
        AssertError(await ListAsync(token), 42001, "access_token expired");

        token = await ComponentTokenAsync();
        _time.Advance(TimeSpan.FromSeconds(7199));
        Assert.Equal(1, (await ListAsync(token)).GetProperty("total_count").GetInt32());
        _time.Advance(TimeSpan.FromSeconds(1));
        AssertError(await ListAsync(token), 42001);

        AssertError(await PostAsync(FakeOpenPlatform.AuthorizerList, new { component_appid = Platform, offset = 0, count = 10 }), 41001);
        AssertError(await ListAsync("made-up-token"), 40001);
    }

    [Fact]
    public async Task QueryAuth_ACodeGivesTheAccountsTokensOnce()
    {
        var component = await ComponentTokenAsync();
        var code = _platform.CreateAuthorizationCode(Platform, OtherAccount);

        var answer = await PostAsync(WithComponentToken(FakeOpenPlatform.QueryAuth, component), new { component_appid = Platform, authorization_code = code });
        var again = await PostAsync(WithComponentToken(FakeOpenPlatform.QueryAuth, component), new { component_appid = Platform, authorization_code = code });
        var unknown = await PostAsync(WithComponentToken(FakeOpenPlatform.QueryAuth, component), new { component_appid = Platform, authorization_code = "made-up-code" });

        var info = answer.GetProperty("authorization_info");
        Assert.Equal(OtherAccount, info.GetProperty("authorizer_appid").GetString());
        Assert.Equal(7200, info.GetProperty("expires_in").GetInt32());
        Assert.Equal(_platform.CurrentRefreshToken(Platform, OtherAccount), info.GetProperty("authorizer_refresh_token").GetString());
        Assert.Equal(1, info.GetProperty("func_info")[0].GetProperty("funcscope_category").GetProperty("id").GetInt32());
        Assert.Equal(OtherAccount, (await CheckedAsync(info.GetProperty("authorizer_access_token").GetString()!)).GetProperty("authorizer_appid").GetString());
        AssertError(again, 61010, "code is expired");
        AssertError(unknown, 61010);
        Assert.Equal(3, _platform.QueryAuthCalls(Platform));
    }

    [Fact]
    public async Task QueryAuth_ACodeExpiresAfterAnHour_AndServesOnlyItsPlatform()
    {
        var component = await ComponentTokenAsync();
        var late = _platform.CreateAuthorizationCode(Platform, OtherAccount);
        var foreign = _platform.CreateAuthorizationCode(OtherPlatform, OtherAccount);
        _time.Advance(TimeSpan.FromHours(1));

        AssertError(await PostAsync(WithComponentToken(FakeOpenPlatform.QueryAuth, component), new { component_appid = Platform, authorization_code = late }), 61010);
        AssertError(await PostAsync(WithComponentToken(FakeOpenPlatform.QueryAuth, component), new { component_appid = Platform, authorization_code = foreign }), 61010);
    }

    [Fact]
    public async Task Refresh_RotatesTheRefreshToken_TheOldOne61023_TheOldAccessToken40001()
    {
        var component = await ComponentTokenAsync();
        var stored = _platform.CurrentRefreshToken(Platform, Account);
        Assert.StartsWith($"refreshtoken@@@{Account}+", stored, StringComparison.Ordinal);

        var first = await RefreshAsync(component, stored);
        var rotated = first.GetProperty("authorizer_refresh_token").GetString()!;
        var firstToken = first.GetProperty("authorizer_access_token").GetString()!;
        Assert.NotEqual(stored, rotated);
        Assert.Equal(rotated, _platform.CurrentRefreshToken(Platform, Account));
        Assert.Equal(7200, first.GetProperty("expires_in").GetInt32());
        Assert.StartsWith($"authorizertoken@@@{Account}+", firstToken, StringComparison.Ordinal);
        Assert.Equal(Account, (await CheckedAsync(firstToken)).GetProperty("authorizer_appid").GetString());

        AssertError(await RefreshAsync(component, stored), 61023, "refresh_token is invalid");
        var second = await RefreshAsync(component, rotated);
        AssertError(await CheckedAsync(firstToken), 40001);
        Assert.Equal(0, (await CheckedAsync(second.GetProperty("authorizer_access_token").GetString()!)).GetProperty("errcode").GetInt32());
        Assert.Equal(3, _platform.AuthorizerRefreshes(Platform, Account));
    }

    [Fact]
    public async Task Refresh_WithoutRotation_ReturnsTheSameRefreshToken_AndEarlierTokensMayStayValid()
    {
        _platform.RotateRefreshTokens = false;
        _platform.PreviousAuthorizerTokenStaysValid = true;
        var component = await ComponentTokenAsync();
        var stored = _platform.CurrentRefreshToken(Platform, Account);

        var first = await RefreshAsync(component, stored);
        var second = await RefreshAsync(component, stored);

        Assert.Equal(stored, first.GetProperty("authorizer_refresh_token").GetString());
        Assert.Equal(stored, second.GetProperty("authorizer_refresh_token").GetString());
        Assert.Equal(0, (await CheckedAsync(first.GetProperty("authorizer_access_token").GetString()!)).GetProperty("errcode").GetInt32());
        Assert.Equal(0, (await CheckedAsync(second.GetProperty("authorizer_access_token").GetString()!)).GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Refresh_AStaleComponentToken40001_AnExpiredOne42001()
    {
        var component = await ComponentTokenAsync();
        var refresh = _platform.CurrentRefreshToken(Platform, Account);
        _platform.ExpireComponentToken(Platform);
        AssertError(await RefreshAsync(component, refresh), 42001);

        _platform.InvalidateComponentToken(Platform);
        AssertError(await RefreshAsync(component, refresh), 40001);
        Assert.Equal(refresh, _platform.CurrentRefreshToken(Platform, Account));
        Assert.Equal(0, _platform.AuthorizerRefreshes(Platform, Account));
    }

    [Fact]
    public async Task InvalidateRefreshToken_TheStoredOne61023_InfoAndListRevealTheCurrentOne()
    {
        var component = await ComponentTokenAsync();
        var stored = _platform.CurrentRefreshToken(Platform, Account);
        _platform.InvalidateRefreshToken(Platform, Account);
        var current = _platform.CurrentRefreshToken(Platform, Account);
        Assert.NotEqual(stored, current);

        AssertError(await RefreshAsync(component, stored), 61023);
        var info = await PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerInfo, component), new { component_appid = Platform, authorizer_appid = Account });
        var list = await ListAsync(component);

        Assert.Equal($"gh_{Account}", info.GetProperty("authorizer_info").GetProperty("user_name").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("authorizer_info").GetProperty("nick_name").GetString()));
        Assert.Equal(Account, info.GetProperty("authorization_info").GetProperty("authorizer_appid").GetString());
        Assert.Equal(current, info.GetProperty("authorization_info").GetProperty("authorizer_refresh_token").GetString());
        Assert.Equal(current, list.GetProperty("list")[0].GetProperty("refresh_token").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), list.GetProperty("list")[0].GetProperty("auth_time").GetInt64());
        Assert.Equal(7200, (await RefreshAsync(component, current)).GetProperty("expires_in").GetInt32());
        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, Account));
    }

    [Fact]
    public async Task Revoke_61003OnRefreshAndInfo_ItsToken40001_AndItLeavesTheList()
    {
        var component = await ComponentTokenAsync();
        var token = (await RefreshAsync(component, _platform.CurrentRefreshToken(Platform, Account))).GetProperty("authorizer_access_token").GetString()!;
        _platform.Revoke(Platform, Account);

        AssertError(await RefreshAsync(component, _platform.CurrentRefreshToken(Platform, Account)), 61003, "component is not authorized by this account");
        AssertError(await PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerInfo, component), new { component_appid = Platform, authorizer_appid = Account }), 61003);
        AssertError(await CheckedAsync(token), 40001);
        Assert.Equal(0, (await ListAsync(component)).GetProperty("total_count").GetInt32());
        Assert.Equal(1, _platform.AuthorizerInfoCalls(Platform, Account));
    }

    [Fact]
    public async Task AuthorizerList_PagesByOffsetAndCount()
    {
        _platform.AddAuthorizer(Platform, OtherAccount).AddAuthorizer(Platform, "wxacc0untc00000003");
        var component = await ComponentTokenAsync();

        var page = await PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerList, component), new { component_appid = Platform, offset = 1, count = 1 });

        Assert.Equal(3, page.GetProperty("total_count").GetInt32());
        Assert.Equal(OtherAccount, Assert.Single(page.GetProperty("list").EnumerateArray()).GetProperty("authorizer_appid").GetString());
    }

    [Fact]
    public async Task Checked_CurrentTokenOk_ExpiredOne42001_InvalidatedOne40001_GetOrPost()
    {
        var component = await ComponentTokenAsync();
        var token = (await RefreshAsync(component, _platform.CurrentRefreshToken(Platform, Account))).GetProperty("authorizer_access_token").GetString()!;

        using var post = await _http.PostAsync(FakeOpenPlatform.CheckedPath + "?access_token=" + Uri.EscapeDataString(token), Body(new { any = 1 }));
        Assert.Equal(Account, (await ReadAsync(post)).GetProperty("authorizer_appid").GetString());
        Assert.Equal("ok", (await CheckedAsync(token)).GetProperty("errmsg").GetString());

        // A token put in the query unescaped reads its '+' as a space: another token.
        using (var unescaped = await _http.GetAsync(FakeOpenPlatform.CheckedPath + "?access_token=" + token))
        {
            AssertError(await ReadAsync(unescaped), 40001);
        }

        using (var missing = await _http.GetAsync(FakeOpenPlatform.CheckedPath))
        {
            AssertError(await ReadAsync(missing), 41001);
        }

        _time.Advance(TimeSpan.FromSeconds(7200));
        AssertError(await CheckedAsync(token), 42001, "access_token expired");

        token = (await RefreshAsync(await ComponentTokenAsync(), _platform.CurrentRefreshToken(Platform, Account))).GetProperty("authorizer_access_token").GetString()!;
        _platform.ExpireAuthorizerToken(Platform, Account);
        AssertError(await CheckedAsync(token), 42001);

        token = (await RefreshAsync(await ComponentTokenAsync(), _platform.CurrentRefreshToken(Platform, Account))).GetProperty("authorizer_access_token").GetString()!;
        _platform.InvalidateAuthorizerToken(Platform, Account);
        AssertError(await CheckedAsync(token), 40001, "invalid credential");
        AssertError(await CheckedAsync("made-up-token"), 40001);
        Assert.Equal(8, _platform.CheckedCalls);
    }

    [Fact]
    public async Task RefuseAuthorizerTokens_EvenTheCurrentToken40001()
    {
        var token = (await RefreshAsync(await ComponentTokenAsync(), _platform.CurrentRefreshToken(Platform, Account))).GetProperty("authorizer_access_token").GetString()!;
        _platform.RefuseAuthorizerTokens(Platform, Account);

        AssertError(await CheckedAsync(token), 40001);
    }

    [Fact]
    public async Task BreakRefreshTokens_EvenTheOneInfoReveals61023()
    {
        var component = await ComponentTokenAsync();
        _platform.BreakRefreshTokens(Platform, Account);
        var info = await PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerInfo, component), new { component_appid = Platform, authorizer_appid = Account });

        AssertError(await RefreshAsync(component, info.GetProperty("authorization_info").GetProperty("authorizer_refresh_token").GetString()!), 61023);
    }

    [Fact]
    public async Task NotJson_47001()
    {
        using var response = await _http.PostAsync(FakeOpenPlatform.ComponentToken, new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertError(await ReadAsync(response), 47001);
    }

    [Fact]
    public async Task BeforeNextComponentTokenAnswer_RunsOnce()
    {
        var runs = 0;
        _platform.BeforeNextComponentTokenAnswer = () =>
        {
            runs++;
            return Task.CompletedTask;
        };

        await ComponentTokenAsync();
        await ComponentTokenAsync();

        Assert.Equal(1, runs);
        Assert.Null(_platform.BeforeNextComponentTokenAnswer);
    }

    [Fact]
    public async Task Delay_HoldsTheTokenAnswers()
    {
        _platform.Delay = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(ComponentTokenAsync(), ComponentTokenAsync());

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
        Assert.NotEqual(answers[0], answers[1]);
        Assert.Equal(2, _platform.ComponentTokenFetches(Platform));
    }

    [Fact]
    public async Task IssuedSecrets_HoldEverySecretGivenOrIssued()
    {
        var component = await ComponentTokenAsync();
        var ticket = _platform.LatestTicket(Platform);
        var stored = _platform.CurrentRefreshToken(Platform, Account);
        var refreshed = await RefreshAsync(component, stored);
        var code = _platform.CreateAuthorizationCode(Platform, OtherAccount);

        var secrets = _platform.IssuedSecrets;

        Assert.Contains(PlatformSecret, secrets);
        Assert.Contains(ticket, secrets);
        Assert.Contains(component, secrets);
        Assert.Contains(stored, secrets);
        Assert.Contains(refreshed.GetProperty("authorizer_access_token").GetString()!, secrets);
        Assert.Contains(refreshed.GetProperty("authorizer_refresh_token").GetString()!, secrets);
        Assert.Contains(code, secrets);
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    private static StringContent Body(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static string WithComponentToken(string path, string token) => path + "?component_access_token=" + Uri.EscapeDataString(token);

    private static void AssertError(JsonElement answer, int code, string? message = null)
    {
        Assert.Equal(code, answer.GetProperty("errcode").GetInt32());
        var errmsg = answer.GetProperty("errmsg").GetString()!;
        Assert.Contains(" rid: ", errmsg, StringComparison.Ordinal);
        if (message is not null)
        {
            Assert.StartsWith(message, errmsg, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsync(path, Body(body));
        return await ReadAsync(response);
    }

    private Task<JsonElement> FetchComponentTokenAsync(string ticket) =>
        PostAsync(FakeOpenPlatform.ComponentToken, new { component_appid = Platform, component_appsecret = PlatformSecret, component_verify_ticket = ticket });

    private async Task<string> ComponentTokenAsync() =>
        (await FetchComponentTokenAsync(_platform.LatestTicket(Platform))).GetProperty("component_access_token").GetString()!;

    private Task<JsonElement> ListAsync(string componentToken) =>
        PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerList, componentToken), new { component_appid = Platform, offset = 0, count = 100 });

    private Task<JsonElement> RefreshAsync(string componentToken, string refreshToken) =>
        PostAsync(WithComponentToken(FakeOpenPlatform.AuthorizerToken, componentToken), new { component_appid = Platform, authorizer_appid = Account, authorizer_refresh_token = refreshToken });

    private async Task<JsonElement> CheckedAsync(string token)
    {
        using var response = await _http.GetAsync(FakeOpenPlatform.CheckedPath + "?access_token=" + Uri.EscapeDataString(token));
        return await ReadAsync(response);
    }
}
