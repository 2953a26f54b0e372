using Microsoft.Extensions.Options;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>Validates the data annotations of <see cref="WeChatOpenPlatformOptions"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class WeChatOpenPlatformOptionsValidator : IValidateOptions<WeChatOpenPlatformOptions>
{
}

/// <summary>Validates what the annotations cannot say: the AppID the options are named after, the secret, the address and the margin.</summary>
internal sealed class WeChatOpenPlatformOptionsCustomValidator : IValidateOptions<WeChatOpenPlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatOpenPlatformOptions options)
    {
        var failures = new List<string>();
        if (name is not null && options.ComponentAppId != name)
        {
            failures.Add($"WeChatOpenPlatformOptions.ComponentAppId ('{options.ComponentAppId}') must be the AppID the options are registered for ('{name}').");
        }

        if (string.IsNullOrWhiteSpace(options.ComponentAppSecret))
        {
            failures.Add($"WeChatOpenPlatformOptions.ComponentAppSecret is required for component AppID '{name}'.");
        }

        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"WeChatOpenPlatformOptions.BaseAddress must be an absolute http or https URI; it is '{address}'.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry)
        {
            failures.Add($"WeChatOpenPlatformOptions.RefreshBeforeExpiry must be between 00:00:00 and {WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry}; it is {options.RefreshBeforeExpiry}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
