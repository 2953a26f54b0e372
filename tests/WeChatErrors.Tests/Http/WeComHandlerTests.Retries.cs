using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

/// <summary>WeCom answers are retried by WeCom's rules, on a clock the test moves.</summary>
public sealed class WeComHandlerRetryTests
{
    private const string WeCom = TestErrors.WeComBaseAddress;

    [Fact]
    public async Task SystemBusy_EveryTime_IsRetriedAtMostThreeTimes_EvenWhenMoreAreAllowed()
    {
        using var harness = new HandlerHarness(o => o.Retry.MaxRetryAttempts = 6);
        var calls = harness.Sequence(WeCom + "cgi-bin/user/get", WeComBodies.SystemBusy);

        var pending = harness.Client.GetAsync(WeCom + "cgi-bin/user/get");
        await harness.CompleteRetriesAsync(pending);
        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => pending);

        Assert.Equal(4, calls.Count);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(WeComErrorCode.SystemBusy, ex.WeComErrorCode);
    }

    [Fact]
    public async Task SystemBusy_FewerRetriesAllowed_KeepsTheClientsLimit()
    {
        using var harness = new HandlerHarness(o => o.Retry.MaxRetryAttempts = 1);
        var calls = harness.Sequence(WeCom + "cgi-bin/user/get", WeComBodies.SystemBusy);

        var pending = harness.Client.GetAsync(WeCom + "cgi-bin/user/get");
        await harness.CompleteRetriesAsync(pending);
        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => pending);

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task DataVersionConflict_IsRetriedAfterTheBackoffDelays()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence(WeCom + "cgi-bin/externalcontact/remark", WeComBodies.DataVersionConflict, WeComBodies.DataVersionConflict, WeComBodies.Ok);

        var pending = harness.Client.PostAsync(WeCom + "cgi-bin/externalcontact/remark", HandlerHarness.Json("{\"userid\":\"zhangsan\"}"));
        foreach (var (retry, delayMs) in new[] { (1, 200), (2, 400) })
        {
            await harness.Clock.WaitForTimersAsync(retry);
            harness.Time.Advance(TimeSpan.FromMilliseconds(delayMs - 1));
            await Task.Yield();
            Assert.Equal(retry, calls.Count);
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await WaitForAsync(() => calls.Count == retry + 1);
        }

        using var response = await pending;
        Assert.Equal(WeComBodies.Ok, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task ConcurrencyLimit_IsRetriedWithBackoff_NotAMinuteWait()
    {
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var calls = harness.Sequence(WeCom + "cgi-bin/externalcontact/list", WeComBodies.ConcurrencyLimited, WeComBodies.Ok);

        // 45 s are left in the clock minute: a WeChat rate limit would wait them; 45033 waits the first backoff delay.
        var pending = harness.Client.GetAsync(WeCom + "cgi-bin/externalcontact/list?userid=zhangsan");
        await harness.Clock.WaitForTimersAsync(1);
        harness.Time.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Yield();
        Assert.Equal(1, calls.Count);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending;

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task ConcurrencyLimit_OnAMessageSend_IsRetried_SystemBusyIsNot()
    {
        // 45033 refused the call before it ran; -1 may have delivered the message to everyone it names.
        using var harness = new HandlerHarness(o => o.Retry.UseJitter = false);
        var limited = harness.Sequence(WeCom + "cgi-bin/message/send", WeComBodies.ConcurrencyLimited, WeComBodies.Ok);
        var pending = harness.Client.PostAsync(WeCom + "cgi-bin/message/send", HandlerHarness.Json("{\"touser\":\"@all\"}"));
        await harness.CompleteRetriesAsync(pending);
        (await pending).Dispose();
        Assert.Equal(2, limited.Count);

        using var busy = new HandlerHarness();
        var busyCalls = busy.Sequence(WeCom + "cgi-bin/message/send", WeComBodies.SystemBusy, WeComBodies.Ok);
        var ex = await Assert.ThrowsAsync<WeChatSystemBusyException>(() => busy.Client.PostAsync(WeCom + "cgi-bin/message/send", HandlerHarness.Json("{\"touser\":\"@all\"}")));
        Assert.Equal(1, busyCalls.Count);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(0, busy.Clock.TimersCreated);
    }

    [Fact]
    public async Task FrequencyLimit_IsNotRetried_AndStartsNoTimer()
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence(WeCom + "cgi-bin/user/get", WeComBodies.FrequencyLimited, WeComBodies.Ok);

        var ex = await Assert.ThrowsAsync<WeChatRateLimitException>(() => harness.Client.GetAsync(WeCom + "cgi-bin/user/get"));

        Assert.Equal(1, calls.Count);
        Assert.Equal(1, ex.Attempts);
        Assert.Null(ex.RetryAfter);
        Assert.Equal(0, harness.Clock.TimersCreated);
    }

    [Theory]
    [InlineData(WeComBodies.InvalidCorpSecret)]
    [InlineData(WeComBodies.UntrustedIp)]
    [InlineData(WeComBodies.InvalidAccessToken)] // a caller-owned token: no source to recover it from
    public async Task ConfigurationAndTokenCodes_AreNeverRetried(string body)
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence(WeCom + "cgi-bin/user/get", body, WeComBodies.Ok);

        var ex = await Assert.ThrowsAnyAsync<WeChatApiException>(() => harness.Client.GetAsync(WeCom + "cgi-bin/user/get?access_token=CALLER_TOKEN"));

        Assert.Equal(1, calls.Count);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(0, harness.Clock.TimersCreated);
    }

    [Fact]
    public async Task SystemBusy_OnAOneTimeCodeExchange_IsNotRetried()
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence(WeCom + "cgi-bin/auth/getuserinfo", WeComBodies.SystemBusy, WeComBodies.Ok);

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.GetAsync(WeCom + "cgi-bin/auth/getuserinfo?code=ONE_TIME_CODE"));

        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task TheCodeSetsOfTheOptions_BelongToTheirCodeSpace()
    {
        // NonRetryErrorCodes {-1} is WeChat's -1; WeComNonRetryErrorCodes {6000} is WeCom's 6000.
        using var harness = new HandlerHarness(o =>
        {
            o.Retry.UseJitter = false;
            o.Retry.NonRetryErrorCodes.Add(-1);
            o.Retry.WeComNonRetryErrorCodes.Add(6000);
        });
        var busy = harness.Sequence(WeCom + "cgi-bin/a", WeComBodies.SystemBusy, WeComBodies.Ok);
        var conflict = harness.Sequence(WeCom + "cgi-bin/b", WeComBodies.DataVersionConflict, WeComBodies.Ok);

        var pending = harness.Client.GetAsync(WeCom + "cgi-bin/a");
        await harness.CompleteRetriesAsync(pending);
        (await pending).Dispose();
        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.GetAsync(WeCom + "cgi-bin/b"));

        Assert.Equal(2, busy.Count);
        Assert.Equal(1, conflict.Count);
    }

    [Fact]
    public async Task DisableWeChatRetry_AlsoTurnsOffWeComRetries()
    {
        using var harness = new HandlerHarness();
        var calls = harness.Sequence(WeCom + "cgi-bin/user/get", WeComBodies.SystemBusy, WeComBodies.Ok);
        using var request = new HttpRequestMessage(HttpMethod.Get, WeCom + "cgi-bin/user/get").DisableWeChatRetry();

        await Assert.ThrowsAsync<WeChatSystemBusyException>(() => harness.Client.SendAsync(request));

        Assert.Equal(1, calls.Count);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.True(condition());
    }
}
