using Microsoft.Extensions.Options;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>Checks the data annotations of <see cref="WeComAccessTokenOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class WeComAccessTokenOptionsValidator : IValidateOptions<WeComAccessTokenOptions>
{
}

/// <summary>Checks the rules of <see cref="WeComAccessTokenOptions"/> that annotations cannot express. Never quotes the secret.</summary>
internal sealed class WeComAccessTokenOptionsCustomValidator : IValidateOptions<WeComAccessTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComAccessTokenOptions options)
    {
        var failures = new List<string>();
        if (name is not null && WeComAccessTokenDefaults.Key(options.CorpId, options.App) != name)
        {
            failures.Add($"WeComAccessTokenOptions.CorpId and App ('{options.CorpId}', '{options.App}') must be the corp and application the options are registered for ('{name}').");
        }

        if (string.IsNullOrWhiteSpace(options.CorpSecret))
        {
            failures.Add($"WeComAccessTokenOptions.CorpSecret is required for '{name}'.");
        }

        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"WeComAccessTokenOptions.BaseAddress must be an absolute http or https URI; it is '{address}'.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry)
        {
            failures.Add($"WeComAccessTokenOptions.RefreshBeforeExpiry must be between 00:00:00 and {WeChatAccessTokenDefaults.MaxRefreshBeforeExpiry}; it is {options.RefreshBeforeExpiry}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
