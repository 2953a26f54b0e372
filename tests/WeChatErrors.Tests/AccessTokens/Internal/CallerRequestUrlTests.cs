using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.AccessTokens.Internal;

/// <summary>
/// A supplied or recovered token travels on the message the primary handler sends, and the caller's request leaves every
/// outcome with the URL its caller gave: nothing that keeps the request (a REST client's exception, the caller's logging)
/// holds the token afterwards. Both registration orders, since the recovery then runs outside or inside the supply.
/// </summary>
public sealed class CallerRequestUrlTests : IDisposable
{
    private const string AppId = "wxcaller000000001";
    private const string CallerUrl = "https://api.weixin.qq.com/cgi-bin/user/info?openid=o1&lang=zh_CN";
    private const string UnreachableUrl = "https://api.weixin.qq.com/cgi-bin/unreachable?openid=o1";

    private readonly MockHttpMessageHandler _wire = new();
    private readonly List<string> _sentUrls = [];
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private int _issued;

    public CallerRequestUrlTests()
    {
        _wire.When(HttpMethod.Post, "https://api.weixin.qq.com/cgi-bin/stable_token").Respond(_ =>
            Json($"{{\"access_token\":\"{Token(Interlocked.Increment(ref _issued))}\",\"expires_in\":7200}}"));
        _wire.When("https://api.weixin.qq.com/cgi-bin/unreachable").With(Record).Throw(new HttpRequestException("connection reset"));
        _wire.When("https://api.weixin.qq.com/cgi-bin/user/info").Respond(async request =>
        {
            Record(request);

            Func<HttpResponseMessage> answer;
            lock (_answers)
            {
                answer = _answers.Dequeue();
            }

            if (answer == Hang)
            {
                // Never answers: MockHttp ends the wait when the request is cancelled.
                await new TaskCompletionSource<bool>().Task;
            }

            return answer();
        });
    }

    public static TheoryData<bool> SupplyFirst => new() { true, false };

    public void Dispose() => _wire.Dispose();

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task Success_KeepsTheCallersUrl(bool supplyFirst)
    {
        Answer(Ok);
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);

        using var response = await Client(provider).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSentWith(Token(1));
        AssertCallerUrl(request, response);
    }

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task WeChatError_KeepsTheCallersUrl(bool supplyFirst)
    {
        Answer(() => Json("""{"errcode":40003,"errmsg":"invalid openid"}"""));
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);

        var error = await Assert.ThrowsAnyAsync<WeChatApiException>(() => Client(provider).SendAsync(request));

        Assert.Equal(40003, error.RawErrorCode);
        AssertSentWith(Token(1));
        AssertCallerUrl(request, null, error);
    }

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task RecoveredToken_TravelsOnTheResend_AndTheCallerKeepsItsUrl(bool supplyFirst)
    {
        Answer(StaleToken, Ok);
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);

        using var response = await Client(provider).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSentWith(Token(1), Token(2));
        AssertCallerUrl(request, response);
    }

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task RecoveryThatFailsAgain_KeepsTheCallersUrl(bool supplyFirst)
    {
        Answer(StaleToken, StaleToken);
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);

        var error = await Assert.ThrowsAsync<WeChatAccessTokenException>(() => Client(provider).SendAsync(request));

        AssertSentWith(Token(1), Token(2));
        AssertCallerUrl(request, null, error);
    }

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task TransportFailure_KeepsTheCallersUrl(bool supplyFirst)
    {
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, UnreachableUrl);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(provider).SendAsync(request));

        AssertSentWith(Token(1));
        AssertCallerUrl(request, null, error, UnreachableUrl);
    }

    [Theory]
    [MemberData(nameof(SupplyFirst))]
    public async Task Cancellation_KeepsTheCallersUrl(bool supplyFirst)
    {
        Answer(Hang);
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);
        using var cancellation = new CancellationTokenSource();

        var send = Client(provider).SendAsync(request, cancellation.Token);
        await WaitUntilSent(1);
        cancellation.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        AssertSentWith(Token(1));
        AssertCallerUrl(request, null, error);
    }

#if NET5_0_OR_GREATER
    [Theory]
    [SyncInlineData(true)]
    [SyncInlineData(false)]
    public async Task SynchronousSend_RecoveredToken_KeepsTheCallersUrl(bool supplyFirst)
    {
        Answer(StaleToken, Ok);
        await using var provider = Build(supplyFirst);
        using var request = new HttpRequestMessage(HttpMethod.Get, CallerUrl);

        using var response = Client(provider).Send(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSentWith(Token(1), Token(2));
        AssertCallerUrl(request, response);
    }
#endif

    private static string Token(int n) => $"TOKEN_{n}_c0ffee{n}d15ea5e";

    private static HttpResponseMessage Ok() => Json("""{"errcode":0,"errmsg":"ok","openid":"o1"}""");

    private static HttpResponseMessage StaleToken() => Json("""{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}""");

    private static HttpResponseMessage Hang() => throw new InvalidOperationException("never answered");

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = HandlerHarness.Json(body) };

    private bool Record(HttpRequestMessage request)
    {
        lock (_sentUrls)
        {
            _sentUrls.Add(request.RequestUri!.ToString());
        }

        return true;
    }

    private void Answer(params Func<HttpResponseMessage>[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    private ServiceProvider Build(bool supplyFirst)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(TestErrors.Now))
            .ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => _wire));
        services.AddWeChatAccessTokens(AppId, o => o.AppSecret = "CALLER_TEST_SECRET_9d2f");
        var client = services.AddHttpClient("wechat");
        _ = supplyFirst
            ? client.AddWeChatAccessToken(AppId).AddWeChatErrorHandling()
            : client.AddWeChatErrorHandling().AddWeChatAccessToken(AppId);
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(ServiceProvider provider) => provider.GetRequiredService<IHttpClientFactory>().CreateClient("wechat");

    private async Task WaitUntilSent(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_sentUrls)
            {
                if (_sentUrls.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(5, timeout.Token);
        }
    }

    private void AssertSentWith(params string[] tokens)
    {
        lock (_sentUrls)
        {
            Assert.Equal(tokens.Length, _sentUrls.Count);
            for (var i = 0; i < tokens.Length; i++)
            {
                Assert.True(AccessTokenQuery.TryGet(new Uri(_sentUrls[i]), out var sent));
                Assert.Equal(tokens[i], sent);
            }
        }
    }

    private void AssertCallerUrl(HttpRequestMessage request, HttpResponseMessage? response, Exception? error = null, string callerUrl = CallerUrl)
    {
        Assert.Equal(callerUrl, request.RequestUri!.OriginalString);
        if (response is not null)
        {
            Assert.Same(request, response.RequestMessage);
        }

        var texts = new[] { request.ToString(), response?.ToString(), error?.ToString() };
        for (var n = 1; n <= _issued; n++)
        {
            Assert.All(texts, text => Assert.DoesNotContain(Token(n), text ?? string.Empty, StringComparison.Ordinal));
        }
    }
}
