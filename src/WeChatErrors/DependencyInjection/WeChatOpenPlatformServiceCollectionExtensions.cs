using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.OpenPlatform.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the token sources of a WeChat third-party platform (第三方平台): <see cref="IWeChatComponentTokenSource"/> for the
/// platform's own <c>component_access_token</c> and <see cref="IWeChatAuthorizerTokenSource"/> for the accounts that authorized it.
/// </summary>
public static class WeChatOpenPlatformServiceCollectionExtensions
{
    /// <summary>Registers the settings of one platform and the open platform's token sources (once for all platforms).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="componentAppId">The platform's AppID (<c>component_appid</c>); the options are named after it.</param>
    /// <param name="configure">Sets the platform's options, at least <see cref="WeChatOpenPlatformOptions.ComponentAppSecret"/>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="componentAppId"/> is empty.</exception>
    /// <remarks>
    /// <para>
    /// The application hands every <c>component_verify_ticket</c> WeChat pushes to
    /// <see cref="IWeChatComponentTokenSource.SetComponentVerifyTicketAsync(string, string, CancellationToken)"/>, and each new
    /// authorization's code to <see cref="IWeChatAuthorizerTokenSource.CompleteAuthorizationAsync(string, string, CancellationToken)"/>.
    /// The sources fetch, cache and recover the rest; clients get the tokens with <c>AddWeChatComponentToken</c> and
    /// <c>AddWeChatAuthorizerToken</c>.
    /// </para>
    /// <para>
    /// The platform's calls go through two clients of its own, both with <c>AddWeChatErrorHandling</c>: <c>WeChatErrors.OpenPlatform</c>
    /// for <c>api_component_token</c> and <c>api_start_push_ticket</c>, and <c>WeChatErrors.OpenPlatform:{componentAppId}</c>, which also
    /// supplies the component token, for <c>api_authorizer_token</c>, <c>api_query_auth</c> and <c>api_get_authorizer_info</c>. The
    /// options are validated when the host starts; the clock is the registered <see cref="TimeProvider"/>, or the system clock.
    /// A singleton <see cref="IWeChatRefreshTokenStore"/> registered in the container keeps every refresh token durably.
    /// </para>
    /// </remarks>
    public static IServiceCollection AddWeChatOpenPlatform(this IServiceCollection services, string componentAppId, Action<WeChatOpenPlatformOptions> configure)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configure);
        AddCore(services, componentAppId).Configure(configure);
        return services;
    }

    /// <summary>Registers the settings of one platform, bound from configuration, and the open platform's token sources (once for all platforms).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="componentAppId">The platform's AppID; the options are named after it.</param>
    /// <param name="configuration">The section that holds the options, for example <c>Configuration.GetSection("WeChat:OpenPlatform")</c>
    /// with <c>ComponentAppSecret</c> and optionally <c>BaseAddress</c>, <c>RefreshBeforeExpiry</c>, <c>UseDistributedCache</c>, <c>DistributedCacheKeyPrefix</c>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="componentAppId"/> is empty.</exception>
    /// <remarks>See <see cref="AddWeChatOpenPlatform(IServiceCollection, string, Action{WeChatOpenPlatformOptions})"/>.</remarks>
    public static IServiceCollection AddWeChatOpenPlatform(this IServiceCollection services, string componentAppId, IConfiguration configuration)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configuration);
#if NET8_0_OR_GREATER
        // The configuration-binding source generator intercepts this call: no reflection, AOT-safe.
#pragma warning disable IL2026, IL3050
        AddCore(services, componentAppId).Configure(o => configuration.Bind(o));
#pragma warning restore IL2026, IL3050
#else
        AddCore(services, componentAppId).Configure(o => ReflectionBinding.Bind(configuration, o));
#endif
        services.AddSingleton<IOptionsChangeTokenSource<WeChatOpenPlatformOptions>>(new ConfigurationChangeTokenSource<WeChatOpenPlatformOptions>(componentAppId, configuration));
        return services;
    }

    private static OptionsBuilder<WeChatOpenPlatformOptions> AddCore(IServiceCollection services, string componentAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        if (componentAppId.Length == 0)
        {
            throw new ArgumentException("The component AppID must not be empty.", nameof(componentAppId));
        }

        var options = services.AddOptions<WeChatOpenPlatformOptions>(componentAppId);
        if (!services.Any(d => d.ImplementationInstance is WeChatOpenPlatformMarker m && m.ComponentAppId == componentAppId))
        {
            services.AddSingleton(new WeChatOpenPlatformMarker(componentAppId));
            options.Configure(o => o.ComponentAppId = componentAppId).ValidateOnStart();

            // The platform's calls for its accounts: the component token supplied and recovered, errors typed.
            services.AddHttpClient(WeChatOpenPlatformDefaults.ComponentClientName(componentAppId))
                .AddWeChatComponentToken(componentAppId)
                .AddWeChatErrorHandling();
        }

        if (!services.Any(d => d.ServiceType == typeof(ComponentTokenCache)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOpenPlatformOptions>, WeChatOpenPlatformOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOpenPlatformOptions>, WeChatOpenPlatformOptionsCustomValidator>());
            services.AddSingleton(sp => new OpenPlatformEndpointClient(
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                Logger(sp) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
            services.AddSingleton(sp => new ComponentTokenCache(
                sp.GetRequiredService<OpenPlatformEndpointClient>(),
                sp.GetRequiredService<IOptionsMonitor<WeChatOpenPlatformOptions>>(),
                ComponentAppIds(sp),
                sp.GetService<TimeProvider>(),
                sp,
                Logger(sp)));
            services.AddSingleton(sp => new AuthorizerTokenCache(
                sp.GetRequiredService<OpenPlatformEndpointClient>(),
                sp.GetRequiredService<ComponentTokenCache>(),
                sp.GetService<IWeChatRefreshTokenStore>(),
                sp.GetRequiredService<IOptionsMonitor<WeChatOpenPlatformOptions>>(),
                ComponentAppIds(sp),
                sp.GetService<TimeProvider>(),
                sp,
                Logger(sp)));
            services.TryAddSingleton<IWeChatComponentTokenSource>(sp => sp.GetRequiredService<ComponentTokenCache>());
            services.TryAddSingleton<IWeChatAuthorizerTokenSource>(sp => sp.GetRequiredService<AuthorizerTokenCache>());

            // api_component_token and api_start_push_ticket: error handling, no token supply (no recursion), redacted request logs.
            services.AddHttpClient(WeChatOpenPlatformDefaults.PlatformClientName).AddWeChatErrorHandling();
        }

        return options;
    }

    private static IEnumerable<string> ComponentAppIds(IServiceProvider services) =>
        services.GetServices<WeChatOpenPlatformMarker>().Select(m => m.ComponentAppId);

    private static ILogger? Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(WeChatOpenPlatformDefaults.LoggerCategory);
}
