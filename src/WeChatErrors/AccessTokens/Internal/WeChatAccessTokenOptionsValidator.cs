using Microsoft.Extensions.Options;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>Checks the data annotations of <see cref="WeChatAccessTokenOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class WeChatAccessTokenOptionsValidator : IValidateOptions<WeChatAccessTokenOptions>
{
}

/// <summary>Checks the rules of <see cref="WeChatAccessTokenOptions"/> that annotations cannot express. Never quotes the secret.</summary>
internal sealed class WeChatAccessTokenOptionsCustomValidator : IValidateOptions<WeChatAccessTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatAccessTokenOptions options)
    {
        var failures = new List<string>();
        if (name is not null && options.AppId != name)
        {
            failures.Add($"WeChatAccessTokenOptions.AppId ('{options.AppId}') must be the AppID the options are registered for ('{name}').");
        }

        if (string.IsNullOrWhiteSpace(options.AppSecret))
        {
            failures.Add($"WeChatAccessTokenOptions.AppSecret is required for AppID '{name}'.");
        }

        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"WeChatAccessTokenOptions.BaseAddress must be an absolute http or https URI; it is '{address}'.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry)
        {
            failures.Add($"WeChatAccessTokenOptions.RefreshBeforeExpiry must be between 00:00:00 and {WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry}; it is {options.RefreshBeforeExpiry}.");
        }

        if (options.DistributedCacheTimeout <= TimeSpan.Zero || options.DistributedCacheTimeout > WeChatAccessTokenDefaults.MaxDistributedCacheTimeout)
        {
            failures.Add($"WeChatAccessTokenOptions.DistributedCacheTimeout must be greater than 00:00:00 and at most {WeChatAccessTokenDefaults.MaxDistributedCacheTimeout}; it is {options.DistributedCacheTimeout}.");
        }

        if (options.DistributedCacheBreakDuration < TimeSpan.Zero || options.DistributedCacheBreakDuration > WeChatAccessTokenDefaults.MaxDistributedCacheBreakDuration)
        {
            failures.Add($"WeChatAccessTokenOptions.DistributedCacheBreakDuration must be between 00:00:00 and {WeChatAccessTokenDefaults.MaxDistributedCacheBreakDuration}; it is {options.DistributedCacheBreakDuration}.");
        }

        if (!Enum.IsDefined(typeof(WeChatAccessTokenEndpoint), options.Endpoint))
        {
            failures.Add($"WeChatAccessTokenOptions.Endpoint must be StableToken or ClientCredential; it is {options.Endpoint}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
