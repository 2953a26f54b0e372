using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the built-in <see cref="IWeChatAccessTokenSource"/>, which fetches access tokens from WeChat's stable-token API.
/// </summary>
public static class WeChatAccessTokenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the settings of one app and the built-in <see cref="IWeChatAccessTokenSource"/> (once for all apps).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="appId">The AppID; the options are named after it.</param>
    /// <param name="configure">Sets the app's options, at least <see cref="WeChatAccessTokenOptions.AppSecret"/>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="appId"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is empty.</exception>
    /// <remarks>
    /// <para>
    /// Call it once per AppID. The source keeps each token in memory until shortly before it expires, fetches it with
    /// <c>force_refresh: false</c> (never a forced refresh), and collapses concurrent fetches of one AppID into one. Its requests
    /// go through a client named <c>WeChatErrors.AccessTokens</c> that has <c>AddWeChatErrorHandling</c> and no token supply,
    /// so a failed fetch surfaces as the typed exception of its own code (<c>40125</c>, <c>40164</c>, <c>45009</c>...).
    /// </para>
    /// <para>
    /// The options are validated when the host starts. A singleton <see cref="IWeChatAccessTokenSource"/> registered before this
    /// call (your own source) is kept. The clock is the <see cref="TimeProvider"/> registered in the container, or the system clock.
    /// </para>
    /// </remarks>
    public static IServiceCollection AddWeChatAccessTokens(this IServiceCollection services, string appId, Action<WeChatAccessTokenOptions> configure)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configure);
        AddCore(services, appId).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers the settings of one app, bound from configuration, and the built-in <see cref="IWeChatAccessTokenSource"/> (once for all apps).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="appId">The AppID; the options are named after it.</param>
    /// <param name="configuration">The section that holds the options, for example <c>Configuration.GetSection("WeChat:Apps:wx1234")</c>
    /// with <c>AppSecret</c> and optionally <c>BaseAddress</c>, <c>Endpoint</c>, <c>RefreshBeforeExpiry</c>, <c>UseDistributedCache</c>, <c>DistributedCacheKeyPrefix</c>, <c>DistributedCacheTimeout</c>, <c>DistributedCacheBreakDuration</c>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="appId"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is empty.</exception>
    /// <remarks>See <see cref="AddWeChatAccessTokens(IServiceCollection, string, Action{WeChatAccessTokenOptions})"/>.</remarks>
    public static IServiceCollection AddWeChatAccessTokens(this IServiceCollection services, string appId, IConfiguration configuration)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configuration);
#if NET8_0_OR_GREATER
        // The configuration-binding source generator intercepts this call: no reflection, AOT-safe.
#pragma warning disable IL2026, IL3050
        AddCore(services, appId).Configure(o => configuration.Bind(o));
#pragma warning restore IL2026, IL3050
#else
        AddCore(services, appId).Configure(o => ReflectionBinding.Bind(configuration, o));
#endif
        services.AddSingleton<IOptionsChangeTokenSource<WeChatAccessTokenOptions>>(new ConfigurationChangeTokenSource<WeChatAccessTokenOptions>(appId, configuration));
        return services;
    }

    private static OptionsBuilder<WeChatAccessTokenOptions> AddCore(IServiceCollection services, string appId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        if (appId.Length == 0)
        {
            throw new ArgumentException("The AppID must not be empty.", nameof(appId));
        }

        var options = services.AddOptions<WeChatAccessTokenOptions>(appId);
        if (!services.Any(d => d.ImplementationInstance is WeChatAccessTokenAppMarker m && m.AppId == appId))
        {
            services.AddSingleton(new WeChatAccessTokenAppMarker(appId));
            options.Configure(o => o.AppId = appId).ValidateOnStart();
        }

        if (!services.Any(d => d.ServiceType == typeof(AccessTokenCache)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatAccessTokenOptions>, WeChatAccessTokenOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatAccessTokenOptions>, WeChatAccessTokenOptionsCustomValidator>());
            services.AddSingleton(sp => new AccessTokenCache(
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>(),
                sp.GetServices<WeChatAccessTokenAppMarker>().Select(m => m.AppId),
                sp.GetService<TimeProvider>(),
                sp,
                sp.GetService<ILoggerFactory>()?.CreateLogger(WeChatAccessTokenDefaults.LoggerCategory)));
            services.TryAddSingleton<IWeChatAccessTokenSource>(sp => sp.GetRequiredService<AccessTokenCache>());

            // Error handling (a failed fetch throws the typed exception of its own code) and no token supply (no recursion).
            // Its request logging is the redacting one of every WeChat client: a cgi-bin/token URL carries the AppSecret.
            services.AddHttpClient(WeChatAccessTokenDefaults.TokenClientName).AddWeChatErrorHandling();
        }

        return options;
    }
}
