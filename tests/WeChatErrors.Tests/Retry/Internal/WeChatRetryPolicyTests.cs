using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Http.Internal;
using WeChatErrors.Retry.Internal;
using static WeChatErrors.Tests.TestSupport.TestErrors;

namespace WeChatErrors.Tests.Retry.Internal;

/// <summary>What the retry policy retries and when it stops; the waits are in <see cref="WeChatRetryPolicyDelayTests"/>.</summary>
public sealed class WeChatRetryPolicyTests
{
    private const string MassSend = "cgi-bin/message/mass/sendall";
    private const string CustomSend = "cgi-bin/message/custom/send";
    private const string CodeExchange = "sns/oauth2/access_token";

    private readonly FakeTimeProvider _time = new(Now);

    [Theory]
    [InlineData(-1, true)] // SystemBusy, Transient
    [InlineData(89401, true)] // SystemUnstable, Transient
    [InlineData(45011, true)] // ApiMinuteQuotaReached, RateLimit
    [InlineData(45009, false)] // ApiDailyQuotaReached, DailyQuota: a retry burns more of the quota
    [InlineData(40001, false)] // InvalidCredential, AccessToken: the token must change first
    [InlineData(42001, false)] // AccessTokenExpired, AccessToken
    [InlineData(40003, false)] // InvalidOpenId, InvalidRequest
    [InlineData(40164, false)] // IpNotInWhitelist
    public void IsRetryable_Defaults_ByKind(long code, bool expected) =>
        Assert.Equal(expected, new WeChatRetryPolicy(new WeChatRetryOptions()).IsRetryable(Error(code, _time)));

    [Fact]
    public void IsRetryable_AdditionalRetryErrorCodes_AddsThatCodeOnly()
    {
        var options = new WeChatRetryOptions();
        options.AdditionalRetryErrorCodes.Add(40003);
        var policy = new WeChatRetryPolicy(options);

        Assert.True(policy.IsRetryable(Error(40003, _time)));
        Assert.False(policy.IsRetryable(Error(40013, _time)));
        Assert.True(policy.ShouldRetry(Error(40003, _time), Request(), progress: null));
    }

    [Theory]
    [InlineData(45009)] // DailyQuota: a resend only uses up more of it
    [InlineData(48006)] // DailyQuota (clear_quota chances)
    [InlineData(40001)] // AccessToken: the token must change first
    public void IsRetryable_AdditionalRetryErrorCodes_NeverACodeThatCannotHeal_EvenWithoutTheValidator(long code)
    {
        // A handler created with `new` skips the options validation that refuses these codes under dependency injection.
        var options = new WeChatRetryOptions();
        options.AdditionalRetryErrorCodes.Add((int)code);
        var policy = new WeChatRetryPolicy(options);

        Assert.False(policy.IsRetryable(Error(code, _time)));
        Assert.False(policy.ShouldRetry(Error(code, _time), Request(), progress: null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45011)]
    public void IsRetryable_NonRetryErrorCodes_WinsOverTheKind(long code)
    {
        var options = new WeChatRetryOptions();
        options.NonRetryErrorCodes.Add((int)code);
        var policy = new WeChatRetryPolicy(options);

        Assert.False(policy.IsRetryable(Error(code, _time)));
        Assert.False(policy.ShouldRetry(Error(code, _time), Request(), progress: null));
        Assert.True(policy.IsRetryable(Error(code == -1 ? 45011 : -1, _time)));
    }

    [Fact]
    public void NonRetryErrorCodes_WinsOverAdditionalRetryErrorCodes()
    {
        var options = new WeChatRetryOptions();
        options.AdditionalRetryErrorCodes.Add(40003);
        options.NonRetryErrorCodes.Add(40003);

        Assert.False(new WeChatRetryPolicy(options).IsRetryable(Error(40003, _time)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45011)]
    [InlineData(40003)]
    public void Disabled_RetriesNothing(long code)
    {
        var options = new WeChatRetryOptions { Enabled = false };
        options.AdditionalRetryErrorCodes.Add(40003);
        var policy = new WeChatRetryPolicy(options);

        Assert.False(policy.IsRetryable(Error(code, _time)));
        Assert.False(policy.ShouldRetry(Error(code, _time), Request(), progress: null));
        Assert.Equal(0, policy.MaxRetries);
    }

    [Fact]
    public void MaxRetries_IsBothBudgets()
    {
        Assert.Equal(4, new WeChatRetryPolicy(new WeChatRetryOptions()).MaxRetries);
        Assert.Equal(7, new WeChatRetryPolicy(new WeChatRetryOptions { MaxRetryAttempts = 5, MaxRateLimitRetryAttempts = 2 }).MaxRetries);
    }

    [Fact]
    public void ShouldRetry_Transient_UntilMaxRetryAttempts()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRetryAttempts = 3 });
        var progress = new CallProgress();

        for (var retry = 0; retry < 3; retry++)
        {
            Assert.True(policy.ShouldRetry(Error(-1, _time), Request(), progress), $"retry {retry + 1}");
            progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        }

        Assert.False(policy.ShouldRetry(Error(-1, _time), Request(), progress));
    }

    [Fact]
    public void ShouldRetry_NoTransientBudget_NeverRetriesTransient_StillRateLimit()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRetryAttempts = 0 });

        Assert.False(policy.ShouldRetry(Error(-1, _time), Request(), progress: null));
        Assert.True(policy.ShouldRetry(Error(45011, _time), Request(), progress: null));
    }

    [Fact]
    public void ShouldRetry_RateLimit_UntilMaxRateLimitRetryAttempts_OwnBudget()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitRetryAttempts = 1, MaxRetryAttempts = 3 });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(400));
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(800));

        // Three transient retries used up their budget, not the rate limit's.
        Assert.False(policy.ShouldRetry(Error(-1, _time), Request(), progress));
        Assert.True(policy.ShouldRetry(Error(45011, _time), Request(), progress));

        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(45));
        Assert.False(policy.ShouldRetry(Error(45011, _time), Request(), progress));
    }

    [Fact]
    public void ShouldRetry_RateLimitRetryDoesNotUseTheTransientBudget()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRetryAttempts = 1 });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: true, TimeSpan.FromSeconds(45));

        Assert.True(policy.ShouldRetry(Error(-1, _time), Request(), progress));
    }

    [Theory]
    [InlineData(44_999, false)]
    [InlineData(45_000, true)] // the wait (45 s to the next minute) fits exactly
    [InlineData(65_000, true)]
    public void ShouldRetry_RateLimit_WaitMustFitMaxRateLimitWait(int budgetMs, bool expected)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitWait = TimeSpan.FromMilliseconds(budgetMs) });

        Assert.Equal(TimeSpan.FromSeconds(45), ((WeChatRateLimitException)Error(45011, _time)).RetryAfter);
        Assert.Equal(expected, policy.ShouldRetry(Error(45011, _time), Request(), progress: null));
    }

    [Theory]
    [InlineData(20_000, true)] // 20 s waited + 45 s = 65 s
    [InlineData(20_001, false)]
    public void ShouldRetry_RateLimit_WhatWasWaitedCountsAgainstTheBudget(int waitedMs, bool expected)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitRetryAttempts = 3, MaxRateLimitWait = TimeSpan.FromSeconds(65) });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: true, TimeSpan.FromMilliseconds(waitedMs));

        Assert.Equal(expected, policy.ShouldRetry(Error(45011, _time), Request(), progress));
    }

    [Fact]
    public void ShouldRetry_RateLimitAtTheTopOfTheMinute_WaitsAWholeMinute()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, 1, 0, TimeSpan.Zero));
        var error = (WeChatRateLimitException)Error(45011, _time);

        Assert.Equal(TimeSpan.FromMinutes(1), error.RetryAfter);
        Assert.False(new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitWait = TimeSpan.FromSeconds(59) }).ShouldRetry(error, Request(), null));
        Assert.True(new WeChatRetryPolicy(new WeChatRetryOptions { MaxRateLimitWait = TimeSpan.FromSeconds(60) }).ShouldRetry(error, Request(), null));
    }

    [Theory]
    [InlineData(MassSend, false, false)]
    [InlineData(MassSend, true, false)] // a mass send is never resent after a transient error, even on opt-in
    [InlineData("cgi-bin/message/mass/preview", true, false)]
    [InlineData("cgi-bin/guide/addguidemassendjob", true, false)]
    [InlineData(CustomSend, false, false)]
    [InlineData(CustomSend, true, true)]
    [InlineData("cgi-bin/message/template/send", true, true)]
    [InlineData("cgi-bin/freepublish/submit", true, true)]
    [InlineData(CodeExchange, false, false)]
    [InlineData(CodeExchange, true, false)]
    [InlineData("sns/jscode2session", true, false)]
    [InlineData("cgi-bin/user/get", false, true)]
    public void ShouldRetry_Transient_ByEndpoint(string path, bool retryMessageSends, bool expected)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { RetryMessageSends = retryMessageSends });

        Assert.Equal(expected, policy.ShouldRetry(Error(-1, _time, path), Request(path), progress: null));
    }

    [Theory]
    [InlineData(MassSend, true)] // a per-minute limit refused the call before it ran
    [InlineData(CustomSend, true)]
    [InlineData(CodeExchange, false)] // the code may be used up: never resent
    [InlineData("wxa/business/getuserphonenumber", false)]
    public void ShouldRetry_RateLimit_ByEndpoint(string path, bool expected) =>
        Assert.Equal(expected, new WeChatRetryPolicy(new WeChatRetryOptions()).ShouldRetry(Error(45011, _time, path), Request(path), progress: null));

    [Fact]
    public void ShouldRetry_AllowWeChatMessageRetry_OptsOneRequestIn()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions());

        Assert.True(policy.ShouldRetry(Error(-1, _time, CustomSend), Request(CustomSend).AllowWeChatMessageRetry(), progress: null));
        Assert.False(policy.ShouldRetry(Error(-1, _time, CustomSend), Request(CustomSend), progress: null));
        Assert.False(policy.ShouldRetry(Error(-1, _time, MassSend), Request(MassSend).AllowWeChatMessageRetry(), progress: null));
    }

    [Fact]
    public void ShouldRetry_OptIn_KeepsTheTransientBudget()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions { RetryMessageSends = true, MaxRetryAttempts = 1 });
        var progress = new CallProgress();
        progress.Retrying(rateLimit: false, TimeSpan.FromMilliseconds(200));

        Assert.False(policy.ShouldRetry(Error(-1, _time, CustomSend), Request(CustomSend), progress));
    }

    [Theory]
    [InlineData(42010)] // same media_id mass-sent too fast (RateLimit)
    [InlineData(45066)] // same clientmsgid retried too fast (RateLimit)
    [InlineData(9402005)]
    [InlineData(9402006)]
    [InlineData(9402007)]
    public void ShouldRetry_DuplicateGuard_Never(long code)
    {
        var options = new WeChatRetryOptions { RetryMessageSends = true };
        options.AdditionalRetryErrorCodes.Add((int)code);
        var policy = new WeChatRetryPolicy(options);

        Assert.True(policy.IsRetryable(Error(code, _time)));
        Assert.False(policy.ShouldRetry(Error(code, _time), Request(), progress: null));
        Assert.False(policy.ShouldRetry(Error(code, _time, CustomSend), Request(CustomSend).AllowWeChatMessageRetry(), progress: null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45011)]
    public void ShouldRetry_DisableWeChatRetry_Never(long code)
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions());

        Assert.False(policy.ShouldRetry(Error(code, _time), Request().DisableWeChatRetry(), progress: null));
        Assert.True(policy.ShouldRetry(Error(code, _time), Request(), progress: null));
    }

    [Fact]
    public void ShouldRetry_EndpointIsTheRequests_ElseTheErrorsUrl()
    {
        var policy = new WeChatRetryPolicy(new WeChatRetryOptions());

        Assert.False(policy.ShouldRetry(Error(-1, _time, "cgi-bin/user/get"), Request(MassSend), progress: null));
        Assert.True(policy.ShouldRetry(Error(-1, _time, MassSend), Request("cgi-bin/user/get"), progress: null));

        // Without the request (a pipeline of the caller's own around HttpClient), the redacted URL of the error decides.
        Assert.False(policy.ShouldRetry(Error(-1, _time, MassSend), request: null, progress: null));
        Assert.True(policy.ShouldRetry(Error(-1, _time, "cgi-bin/user/get"), request: null, progress: null));
    }
}
