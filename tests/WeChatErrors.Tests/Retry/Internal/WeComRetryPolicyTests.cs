using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Http.Internal;
using WeChatErrors.Retry.Internal;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Retry.Internal;

/// <summary>The retry policy reads a WeCom error by WeCom's rules, never by the WeChat meaning of the same number.</summary>
public sealed class WeComRetryPolicyTests
{
    private readonly FakeTimeProvider _time = new(Now);

    [Theory]
    [InlineData(-1, true)]     // 系统繁忙
    [InlineData(6000, true)]   // 数据版本冲突
    [InlineData(45033, true)]  // 接口并发调用超过限制
    [InlineData(301096, true)] // 创建打卡规则并发超限: a concurrency limit too
    [InlineData(41063, true)]  // 群发消息正在被派发中，请稍后再试
    [InlineData(41078, false)] // too many running moment tasks: they run far longer than a backoff
    [InlineData(701134, false)] // 操作过于频繁: a frequency limit without a window
    [InlineData(45009, false)] // a frequency limit of an unknown window
    [InlineData(40001, false)] // a wrong corpsecret
    [InlineData(40014, false)] // the token must change first
    [InlineData(42001, false)]
    [InlineData(60020, false)] // untrusted IP
    [InlineData(48002, false)] // permission
    [InlineData(123456, false)]
    public void IsRetryable_WeComCode_ByWeComRules(long code, bool expected) =>
        Assert.Equal(expected, new WeChatRetryPolicy(new WeChatRetryOptions()).IsRetryable(WeComError(code, _time)));

    [Fact]
    public void IsRetryable_AdditionalRetryErrorCodes_AreWeChatCodes()
    {
        var options = new WeChatRetryOptions();
        options.AdditionalRetryErrorCodes.Add(60020);
        var policy = new WeChatRetryPolicy(options);

        Assert.False(policy.IsRetryable(WeComError(60020, _time)));
    }

    [Fact]
    public void IsRetryable_Disabled_NothingIsRetried() =>
        Assert.False(new WeChatRetryPolicy(new WeChatRetryOptions { Enabled = false }).IsRetryable(WeComError(-1, _time)));

    [Fact]
    public void IsRateLimit_IsOnlyWeChatsMinuteWait()
    {
        Assert.True(WeChatRetryPolicy.IsRateLimit(Error(45011, _time)));
        Assert.False(WeChatRetryPolicy.IsRateLimit(WeComError(45033, _time)));
        Assert.False(WeChatRetryPolicy.IsRateLimit(WeComError(45009, _time)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45033)]
    public void ShouldRetry_StopsAfterThreeRetries_WhateverMaxRetryAttemptsAllows(long code)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRetryAttempts = 10 });
        var progress = new CallProgress();
        var retries = 0;
        while (policy.ShouldRetry(WeComError(code, _time), WeComRequest(), progress) && retries < 20)
        {
            progress.Retrying(WeChatRetryPolicy.IsRateLimit(WeComError(code, _time)), TimeSpan.Zero);
            retries++;
        }

        Assert.Equal(WeComRetryRules.MaxTransientRetries, retries);
        Assert.Equal(3, WeComRetryRules.MaxTransientRetries);
    }

    [Theory]
    [InlineData("cgi-bin/message/send", -1, false)]   // broadcast: never resent after an unclear failure
    [InlineData("cgi-bin/message/send", 45033, true)] // refused before it ran
    [InlineData("cgi-bin/kf/send_msg", -1, false)]    // a message to one customer: only on opt-in
    [InlineData("cgi-bin/auth/getuserinfo", -1, false)]
    [InlineData("cgi-bin/auth/getuserinfo", 45033, false)] // a one-time code: never
    [InlineData("cgi-bin/user/get", 6000, true)]
    // WeChat's table means nothing for WeCom: a WeCom path that WeChat lists is an ordinary WeCom call.
    [InlineData("cgi-bin/message/custom/send", -1, true)]
    public void ShouldRetry_ReadsTheWeComEndpointTable(string path, long code, bool expected) =>
        Assert.Equal(expected, new WeChatRetryPolicy(new WeChatRetryOptions()).ShouldRetry(WeComError(code, _time, path), WeComRequest(path), progress: null));

    [Fact]
    public void ShouldRetry_OptIn_ResendsAMessageToOneCustomer()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { RetryMessageSends = true });

        Assert.True(policy.ShouldRetry(WeComError(-1, _time, "cgi-bin/kf/send_msg"), WeComRequest("cgi-bin/kf/send_msg"), progress: null));
    }

    [Fact]
    public void GetDelay_ConcurrencyLimit_IsTheBackoffDelay()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { UseJitter = false });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: false, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.GetDelay(WeComError(45033, _time), progress: null));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.GetDelay(WeComError(45033, _time), progress));
    }
}
