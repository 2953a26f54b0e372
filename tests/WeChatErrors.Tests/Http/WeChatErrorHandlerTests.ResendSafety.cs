using System.Net;
using System.Text;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

/// <summary>The rules of <c>ResendSafety</c>, end to end through the handler: what each kind of endpoint gets sent again after.</summary>
public class WeChatErrorHandlerResendSafetyTests
{
    [Theory]
    [InlineData("cgi-bin/message/mass/sendall")]
    [InlineData("cgi-bin/message/mass/send")]
    [InlineData("cgi-bin/message/custom/send")]
    [InlineData("cgi-bin/message/template/send")]
    [InlineData("cgi-bin/message/subscribe/send")]
    [InlineData("sns/oauth2/access_token")]
    [InlineData("sns/jscode2session")]
    public async Task TransientError_OnADeliveryOrCodeExchange_IsNotSentAgain(string path)
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence(path, WeChatBodies.SystemBusy, WeChatBodies.Ok);

        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => PostAsync(harness, path));

        Assert.Equal(1, calls.Count);
        Assert.Equal(1, ex.Attempts);
    }

    [Theory]
    [InlineData("cgi-bin/user/get")]
    [InlineData("cgi-bin/message/custom/typing")]
    [InlineData("cgi-bin/media/upload")]
    public async Task TransientError_OnAnEndpointWhereAResendIsSafe_IsSentAgain(string path)
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence(path, WeChatBodies.SystemBusy, WeChatBodies.Ok);

        var pending = PostAsync(harness, path);
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, calls.Count);
        Assert.Equal(WeChatBodies.Ok, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task TransientError_OnAMessageToOneUser_IsSentAgainWhenTheClientOrTheRequestOptsIn(bool client, bool request)
    {
        const string Path = "cgi-bin/message/template/send";
        using var harness = new HandlerHarness(o =>
        {
            o.Retry.UseJitter = false;
            o.Retry.RetryMessageSends = client;
        });
        var calls = harness.Sequence(Path, WeChatBodies.SystemBusy, WeChatBodies.Ok);

        var pending = PostAsync(harness, Path, r => _ = request ? r.AllowWeChatMessageRetry() : r);
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, calls.Count);
    }

    [Theory]
    [InlineData("cgi-bin/message/mass/sendall")]
    [InlineData("sns/oauth2/access_token")]
    public async Task TransientError_OnAMassSendOrCodeExchange_IsNotSentAgainEvenWithOptIn(string path)
    {
        using var harness = new HandlerHarness(o => o.Retry.RetryMessageSends = true);
        var calls = harness.Sequence(path, WeChatBodies.SystemBusy, WeChatBodies.Ok);

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => PostAsync(harness, path, r => r.AllowWeChatMessageRetry()));

        Assert.Equal(1, calls.Count);
    }

    [Theory]
    [InlineData("cgi-bin/message/mass/sendall")]
    [InlineData("cgi-bin/message/template/send")]
    public async Task MinuteLimit_OnADelivery_IsWaitedOutAndSentAgain_BecauseTheCallWasRefusedBeforeItRan(string path)
    {
        using var harness = new HandlerHarness(o => o.Retry.RateLimitJitter = TimeSpan.Zero);
        var calls = harness.Sequence(path, WeChatBodies.MinuteQuota, WeChatBodies.Ok);

        var pending = PostAsync(harness, path);
        await harness.CompleteRetriesAsync(pending);
        using var response = await pending;

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task MinuteLimit_OnACodeExchange_IsNotSentAgain()
    {
        using var harness = new HandlerHarness(o => o.Retry.RateLimitJitter = TimeSpan.Zero);
        var calls = harness.Sequence("sns/oauth2/access_token", WeChatBodies.MinuteQuota, WeChatBodies.Ok);

        await Assert.ThrowsAsync<WeChatRateLimitException>(() => PostAsync(harness, "sns/oauth2/access_token"));

        Assert.Equal(1, calls.Count);
    }

    [Theory]
    [InlineData(42010, "cgi-bin/message/mass/sendall")]
    [InlineData(45066, "cgi-bin/message/mass/sendall")]
    [InlineData(9402006, "cgi-bin/user/get")]
    [InlineData(9402007, "cgi-bin/user/get")]
    public async Task DuplicateGuard_IsNeverSentAgain_WhateverTheEndpointAndOptIn(int code, string path)
    {
        using var harness = new HandlerHarness(o =>
        {
            o.Retry.RetryMessageSends = true;
            o.Retry.RateLimitJitter = TimeSpan.Zero;
            o.Retry.AdditionalRetryErrorCodes.Add(code);
        });
        var calls = harness.Sequence(path, $"{{\"errcode\":{code},\"errmsg\":\"too fast\"}}", WeChatBodies.Ok);

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => PostAsync(harness, path, r => r.AllowWeChatMessageRetry()));

        Assert.Equal(code, (int?)ex.ErrorCode);
        Assert.Equal(1, calls.Count);
    }

    [SyncFact]
    public void Send_Synchronous_FollowsTheSameRules()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence("cgi-bin/message/mass/sendall", WeChatBodies.SystemBusy, WeChatBodies.Ok);
        using var request = new HttpRequestMessage(HttpMethod.Post, "cgi-bin/message/mass/sendall") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        Assert.Throws<WeChatSystemBusyException>(() => harness.Client.Send(request));
        Assert.Equal(1, calls.Count);
    }

    private static async Task<HttpResponseMessage> PostAsync(HandlerHarness harness, string path, Func<HttpRequestMessage, HttpRequestMessage>? mark = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path + "?access_token=caller-token") { Content = new StringContent("{\"touser\":\"o6_x\"}", Encoding.UTF8, "application/json") };
        var response = await harness.Client.SendAsync(mark?.Invoke(request) ?? request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
