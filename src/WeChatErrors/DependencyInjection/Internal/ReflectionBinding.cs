#if !NET8_0_OR_GREATER
using Microsoft.Extensions.Configuration;

namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>
/// Binding where the configuration binder's source generator does not run (the netstandard2.0 build): the reflection
/// binder, made to keep the generator's two promises. It leaves a get-only <see cref="ISet{T}"/> of <see cref="int"/>
/// empty, so the retry code sets are filled here; and its conversion error quotes the value, so the message is rebuilt
/// with the key and the type only, as the generator writes it.
/// </summary>
internal static class ReflectionBinding
{
    private const string ConversionFailure = "Failed to convert configuration value";

    public static void Bind(IConfiguration configuration, WeChatErrorHandlingOptions options) => WithoutValues(() =>
    {
        configuration.Bind(options);
        var retry = configuration.GetSection(nameof(WeChatErrorHandlingOptions.Retry));
        AddCodes(options.Retry.AdditionalRetryErrorCodes, retry.GetSection(nameof(WeChatRetryOptions.AdditionalRetryErrorCodes)));
        AddCodes(options.Retry.NonRetryErrorCodes, retry.GetSection(nameof(WeChatRetryOptions.NonRetryErrorCodes)));
    });

    public static void Bind(IConfiguration configuration, WeChatAccessTokenOptions options) => WithoutValues(() => configuration.Bind(options));

    public static void Bind(IConfiguration configuration, WeChatOpenPlatformOptions options) => WithoutValues(() => configuration.Bind(options));

    private static void AddCodes(ISet<int> codes, IConfigurationSection section)
    {
        foreach (var code in section.Get<int[]>() ?? [])
        {
            codes.Add(code);
        }
    }

    private static void WithoutValues(Action bind)
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith(ConversionFailure, StringComparison.Ordinal))
        {
            // "... value 'VALUE' at 'KEY' to type 'TYPE'.": the value comes first, so the last " at '" starts the key.
            var at = ex.Message.LastIndexOf(" at '", StringComparison.Ordinal);
            throw new InvalidOperationException(at < 0 ? ConversionFailure + "." : ConversionFailure + ex.Message.Substring(at));
        }
    }
}
#endif
