using Microsoft.Extensions.DependencyInjection;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http.Internal;

/// <summary>Every rule of the handler options' validators, as <c>AddWeChatErrorHandling</c> registers them, with its exact message.</summary>
public sealed class WeChatErrorHandlingOptionsValidatorTests
{
    [Fact]
    public void Defaults_Valid() => Assert.Empty(Failures(_ => { }));

    [Theory]
    [InlineData("MaxInspectedBodySize=0", "MaxInspectedBodySize: The field wechat.MaxInspectedBodySize must be between 1 and 2147483647.")]
    [InlineData("MaxRetryAttempts=-1", "MaxRetryAttempts: The field wechat.Retry.MaxRetryAttempts must be between 0 and 10.")]
    [InlineData("MaxRetryAttempts=11", "MaxRetryAttempts: The field wechat.Retry.MaxRetryAttempts must be between 0 and 10.")]
    [InlineData("MaxRateLimitRetryAttempts=-1", "MaxRateLimitRetryAttempts: The field wechat.Retry.MaxRateLimitRetryAttempts must be between 0 and 5.")]
    [InlineData("MaxRateLimitRetryAttempts=6", "MaxRateLimitRetryAttempts: The field wechat.Retry.MaxRateLimitRetryAttempts must be between 0 and 5.")]
    [InlineData("BaseDelay=-1ms", "WeChatRetryOptions.BaseDelay must be between 00:00:00 and 00:01:00; it is -00:00:00.0010000.")]
    [InlineData("BaseDelay=61s", "WeChatRetryOptions.BaseDelay must be between 00:00:00 and 00:01:00; it is 00:01:01.")]
    [InlineData("MaxDelay=301s", "WeChatRetryOptions.MaxDelay must be between 00:00:00 and 00:05:00; it is 00:05:01.")]
    [InlineData("MaxRateLimitWait=-1ms", "WeChatRetryOptions.MaxRateLimitWait must be between 00:00:00 and 00:10:00; it is -00:00:00.0010000.")]
    [InlineData("MaxRateLimitWait=601s", "WeChatRetryOptions.MaxRateLimitWait must be between 00:00:00 and 00:10:00; it is 00:10:01.")]
    [InlineData("RateLimitJitter=-1ms", "WeChatRetryOptions.RateLimitJitter must be between 00:00:00 and 00:00:30; it is -00:00:00.0010000.")]
    [InlineData("RateLimitJitter=31s", "WeChatRetryOptions.RateLimitJitter must be between 00:00:00 and 00:00:30; it is 00:00:31.")]
    [InlineData("MaxDelay<BaseDelay", "WeChatRetryOptions.MaxDelay (00:00:01) must not be shorter than BaseDelay (00:00:02).")]
    [InlineData("Additional=45009", "WeChatRetryOptions.AdditionalRetryErrorCodes must not hold 45009 (DailyQuota): sending the same request again cannot succeed and only uses up more of the daily quota.")]
    [InlineData("Additional=40001", "WeChatRetryOptions.AdditionalRetryErrorCodes must not hold 40001 (AccessToken): sending the same request again cannot succeed.")]
    [InlineData("Additional=42001", "WeChatRetryOptions.AdditionalRetryErrorCodes must not hold 42001 (AccessToken): sending the same request again cannot succeed.")]
    [InlineData("Additional=0", "WeChatRetryOptions.AdditionalRetryErrorCodes must not hold 0 (Success): sending the same request again cannot succeed.")]
    public void Rule_FailsWithItsMessage(string rule, string expected) => Assert.Equal([expected], Failures(o => Break(o, rule)));

    [Theory]
    [InlineData("MaxInspectedBodySize=1")]
    [InlineData("MaxRetryAttempts=0")]
    [InlineData("MaxRetryAttempts=10")]
    [InlineData("MaxRateLimitRetryAttempts=5")]
    [InlineData("Delays=0")]
    [InlineData("Delays=max")]
    [InlineData("Additional=89401")]
    public void Rule_Boundaries_Valid(string rule) => Assert.Empty(Failures(o => Break(o, rule)));

    [Fact]
    public void RetryNull_FailsByBothValidators()
    {
        Assert.Equal(["Retry: The wechat.Retry field is required.", "WeChatErrorHandlingOptions.Retry is required."], Failures(o => o.Retry = null!));
    }

    [Fact]
    public void MaxDelayNegative_OutOfRangeAndShorterThanBaseDelay()
    {
        Assert.Equal(
            ["WeChatRetryOptions.MaxDelay must be between 00:00:00 and 00:05:00; it is -00:00:00.0010000.", "WeChatRetryOptions.MaxDelay (-00:00:00.0010000) must not be shorter than BaseDelay (00:00:00.2000000)."],
            Failures(o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(-1)));
    }

    [Fact]
    public void SeveralRules_AllReported()
    {
        var failures = Failures(o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMinutes(2);
            o.Retry.AdditionalRetryErrorCodes.Add(45009);
        });

        Assert.Equal(3, failures.Count);
    }

    private static IReadOnlyList<string> Failures(Action<WeChatErrorHandlingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(configure);
        return OptionsFailures.Of<WeChatErrorHandlingOptions>(services, "wechat");
    }

    private static void Break(WeChatErrorHandlingOptions o, string rule)
    {
        var retry = o.Retry;
        switch (rule)
        {
            case "MaxInspectedBodySize=0": o.MaxInspectedBodySize = 0; break;
            case "MaxInspectedBodySize=1": o.MaxInspectedBodySize = 1; break;
            case "MaxRetryAttempts=-1": retry.MaxRetryAttempts = -1; break;
            case "MaxRetryAttempts=0": retry.MaxRetryAttempts = 0; break;
            case "MaxRetryAttempts=10": retry.MaxRetryAttempts = 10; break;
            case "MaxRetryAttempts=11": retry.MaxRetryAttempts = 11; break;
            case "MaxRateLimitRetryAttempts=-1": retry.MaxRateLimitRetryAttempts = -1; break;
            case "MaxRateLimitRetryAttempts=5": retry.MaxRateLimitRetryAttempts = 5; break;
            case "MaxRateLimitRetryAttempts=6": retry.MaxRateLimitRetryAttempts = 6; break;
            case "BaseDelay=-1ms": retry.BaseDelay = TimeSpan.FromMilliseconds(-1); break;
            case "BaseDelay=61s": retry.BaseDelay = TimeSpan.FromSeconds(61); retry.MaxDelay = TimeSpan.FromSeconds(61); break;
            case "MaxDelay=301s": retry.MaxDelay = TimeSpan.FromSeconds(301); break;
            case "MaxRateLimitWait=-1ms": retry.MaxRateLimitWait = TimeSpan.FromMilliseconds(-1); break;
            case "MaxRateLimitWait=601s": retry.MaxRateLimitWait = TimeSpan.FromSeconds(601); break;
            case "RateLimitJitter=-1ms": retry.RateLimitJitter = TimeSpan.FromMilliseconds(-1); break;
            case "RateLimitJitter=31s": retry.RateLimitJitter = TimeSpan.FromSeconds(31); break;
            case "MaxDelay<BaseDelay": retry.BaseDelay = TimeSpan.FromSeconds(2); retry.MaxDelay = TimeSpan.FromSeconds(1); break;
            case "Delays=0": retry.BaseDelay = retry.MaxDelay = retry.MaxRateLimitWait = retry.RateLimitJitter = TimeSpan.Zero; break;
            case "Delays=max": retry.BaseDelay = TimeSpan.FromMinutes(1); retry.MaxDelay = TimeSpan.FromMinutes(5); retry.MaxRateLimitWait = TimeSpan.FromMinutes(10); retry.RateLimitJitter = TimeSpan.FromSeconds(30); break;
            default: retry.AdditionalRetryErrorCodes.Add(int.Parse(rule["Additional=".Length..], System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
