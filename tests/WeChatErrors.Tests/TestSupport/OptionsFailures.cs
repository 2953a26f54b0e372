using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>The validation failures of named options, as the options monitor reports them when they are first read.</summary>
internal static class OptionsFailures
{
    /// <summary>Builds <paramref name="services"/>, reads the options named <paramref name="name"/>, and returns their failures (none when valid).</summary>
    public static IReadOnlyList<string> Of<TOptions>(IServiceCollection services, string name)
        where TOptions : class
    {
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            Assert.Equal(name, ex.OptionsName);
            return ex.Failures.ToList();
        }
    }
}
