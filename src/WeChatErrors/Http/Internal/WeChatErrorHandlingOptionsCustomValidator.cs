using Microsoft.Extensions.Options;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// Checks the rules of <see cref="WeChatErrorHandlingOptions"/> that its attributes cannot say: fields compared with each other,
/// codes checked against the catalog, and the TimeSpan ranges (a <c>[Range(typeof(TimeSpan), ...)]</c> makes the 8.0 options
/// validation generator emit reflection-bound code that trimming warns about).
/// </summary>
internal sealed class WeChatErrorHandlingOptionsCustomValidator : IValidateOptions<WeChatErrorHandlingOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatErrorHandlingOptions options)
    {
        var retry = options.Retry;
        if (retry is null)
        {
            return ValidateOptionsResult.Fail("WeChatErrorHandlingOptions.Retry is required.");
        }

        var failures = new List<string>();
        CheckRange(failures, nameof(retry.BaseDelay), retry.BaseDelay, TimeSpan.FromMinutes(1));
        CheckRange(failures, nameof(retry.MaxDelay), retry.MaxDelay, TimeSpan.FromMinutes(5));
        CheckRange(failures, nameof(retry.MaxRateLimitWait), retry.MaxRateLimitWait, TimeSpan.FromMinutes(10));
        CheckRange(failures, nameof(retry.RateLimitJitter), retry.RateLimitJitter, TimeSpan.FromSeconds(30));
        if (retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"WeChatRetryOptions.MaxDelay ({retry.MaxDelay}) must not be shorter than BaseDelay ({retry.BaseDelay}).");
        }

        foreach (var code in retry.AdditionalRetryErrorCodes)
        {
            var kind = WeChatErrorCodes.GetKind(code);
            if (kind is WeChatErrorKind.DailyQuota or WeChatErrorKind.AccessToken or WeChatErrorKind.Success)
            {
                failures.Add($"WeChatRetryOptions.AdditionalRetryErrorCodes must not hold {code} ({kind}): sending the same request again cannot succeed" +
                    (kind == WeChatErrorKind.DailyQuota ? " and only uses up more of the daily quota." : "."));
            }
        }

        foreach (var host in options.WeComHosts)
        {
            if (!ProductResolver.TryParse(host, out _))
            {
                failures.Add($"WeChatErrorHandlingOptions.WeComHosts holds '{host}', which names no host; write a host such as qyapi.weixin.qq.com, optionally with :port and a /path prefix.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string property, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.Zero || value > max)
        {
            failures.Add($"WeChatRetryOptions.{property} must be between 00:00:00 and {max}; it is {value}.");
        }
    }
}
