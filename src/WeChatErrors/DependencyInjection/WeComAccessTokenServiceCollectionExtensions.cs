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
/// Registers the built-in <see cref="IWeComAccessTokenSource"/>, which fetches WeCom (企业微信) access tokens from <c>cgi-bin/gettoken</c>.
/// </summary>
public static class WeComAccessTokenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the settings of one WeCom application and the built-in <see cref="IWeComAccessTokenSource"/> (once for all).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="corpId">The corp ID (corpid).</param>
    /// <param name="app">The application the secret belongs to, a name of your choice (its AgentId, or <c>contacts</c> for the contacts secret).</param>
    /// <param name="configure">Sets the application's options, at least <see cref="WeComAccessTokenOptions.CorpSecret"/>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="corpId"/> or <paramref name="app"/> is empty.</exception>
    /// <remarks>
    /// <para>
    /// Call it once per corp and application: each application has its own secret and its own token. The source keeps each token in
    /// memory until <see cref="WeComAccessTokenOptions.RefreshBeforeExpiry"/> before <c>expires_in</c>, and collapses concurrent
    /// fetches of one application into one. Its requests go through a client named <c>WeChatErrors.WeComAccessTokens</c> that has
    /// <c>AddWeChatErrorHandling</c>, no token supply and no request logging (the secret is in the query string), so a failed fetch
    /// surfaces as the typed exception of its WeCom code: <c>40001</c> and <c>40091</c> (wrong secret) as a
    /// <see cref="WeChatConfigurationException"/>, never retried.
    /// </para>
    /// <para>The options (named <c>corpId:app</c>) are validated when the host starts. A singleton <see cref="IWeComAccessTokenSource"/>
    /// registered before this call (your own source) is kept.</para>
    /// </remarks>
    public static IServiceCollection AddWeComAccessTokens(this IServiceCollection services, string corpId, string app, Action<WeComAccessTokenOptions> configure)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configure);
        AddCore(services, corpId, app).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers the settings of one WeCom application, bound from configuration, and the built-in <see cref="IWeComAccessTokenSource"/> (once for all).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="corpId">The corp ID (corpid).</param>
    /// <param name="app">The application the secret belongs to.</param>
    /// <param name="configuration">The section that holds the options, for example <c>Configuration.GetSection("WeCom:ww1234:1000002")</c>
    /// with <c>CorpSecret</c> and optionally <c>BaseAddress</c>, <c>RefreshBeforeExpiry</c>, <c>UseDistributedCache</c>.</param>
    /// <returns>The value of <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="corpId"/> or <paramref name="app"/> is empty.</exception>
    /// <remarks>See <see cref="AddWeComAccessTokens(IServiceCollection, string, string, Action{WeComAccessTokenOptions})"/>.</remarks>
    public static IServiceCollection AddWeComAccessTokens(this IServiceCollection services, string corpId, string app, IConfiguration configuration)
    {
        ArgumentNullExceptionShim.ThrowIfNull(services);
        ArgumentNullExceptionShim.ThrowIfNull(configuration);
        // On .NET 8+ the configuration-binding source generator intercepts this call: no reflection, AOT-safe.
#pragma warning disable IL2026, IL3050
        AddCore(services, corpId, app).Configure(o => configuration.Bind(o));
#pragma warning restore IL2026, IL3050
        services.AddSingleton<IOptionsChangeTokenSource<WeComAccessTokenOptions>>(
            new ConfigurationChangeTokenSource<WeComAccessTokenOptions>(WeComAccessTokenDefaults.Key(corpId, app), configuration));
        return services;
    }

    private static OptionsBuilder<WeComAccessTokenOptions> AddCore(IServiceCollection services, string corpId, string app)
    {
        var key = CheckKey(corpId, app);
        var options = services.AddOptions<WeComAccessTokenOptions>(key);
        if (!services.Any(d => d.ImplementationInstance is WeComAccessTokenAppMarker m && m.Key == key))
        {
            services.AddSingleton(new WeComAccessTokenAppMarker(key));
            options.Configure(o => { o.CorpId = corpId; o.App = app; }).ValidateOnStart();
        }

        if (!services.Any(d => d.ServiceType == typeof(WeComAccessTokenCache)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComAccessTokenOptions>, WeComAccessTokenOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComAccessTokenOptions>, WeComAccessTokenOptionsCustomValidator>());
            services.AddSingleton(sp => new WeComAccessTokenCache(
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<IOptionsMonitor<WeComAccessTokenOptions>>(),
                sp.GetServices<WeComAccessTokenAppMarker>().Select(m => m.Key),
                sp.GetService<TimeProvider>(),
                sp,
                sp.GetService<ILoggerFactory>()?.CreateLogger(WeChatAccessTokenDefaults.LoggerCategory)));
            services.TryAddSingleton<IWeComAccessTokenSource>(sp => sp.GetRequiredService<WeComAccessTokenCache>());

            // Error handling (a failed fetch throws the typed exception of its WeCom code) and no token supply (no recursion).
            // Its request logging is the redacting one of every WeChat client: the gettoken URL carries the corpsecret.
            services.AddHttpClient(WeComAccessTokenDefaults.TokenClientName).AddWeChatErrorHandling();
        }

        return options;
    }

    internal static string CheckKey(string corpId, string app)
    {
        ArgumentNullExceptionShim.ThrowIfNull(corpId);
        ArgumentNullExceptionShim.ThrowIfNull(app);
        if (corpId.Length == 0)
        {
            throw new ArgumentException("The corp ID must not be empty.", nameof(corpId));
        }

        if (app.Length == 0)
        {
            throw new ArgumentException("The application must not be empty.", nameof(app));
        }

        return WeComAccessTokenDefaults.Key(corpId, app);
    }
}
