using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.Http.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds WeChat error handling to an <see cref="HttpClient"/> registered with <c>AddHttpClient</c>.
/// </summary>
public static class WeChatHttpClientBuilderExtensions
{
    /// <summary>The logger category of the handler.</summary>
    internal const string LoggerCategory = "WeChatErrors.WeChatErrorHandler";

    /// <summary>
    /// Adds a <see cref="WeChatErrorHandler"/> with the default options to the client: every WeChat response with a non-zero
    /// <c>errcode</c> becomes a typed <see cref="WeChatApiException"/>, and <c>-1</c> and <c>45011</c> are retried.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>See <see cref="AddWeChatErrorHandling(IHttpClientBuilder, Action{WeChatErrorHandlingOptions})"/>.</remarks>
    public static IHttpClientBuilder AddWeChatErrorHandling(this IHttpClientBuilder builder)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        AddHandlerOnce(builder);
        return builder;
    }

    /// <summary>
    /// Adds a <see cref="WeChatErrorHandler"/> to the client: every WeChat response with a non-zero <c>errcode</c> becomes a
    /// typed <see cref="WeChatApiException"/>, and <c>-1</c> and <c>45011</c> are retried.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="configure">Changes the options of this client.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// The options are named after the client (<see cref="IHttpClientBuilder.Name"/>), validated when the host starts, and
    /// can be configured again with <c>services.Configure&lt;WeChatErrorHandlingOptions&gt;(name, ...)</c>.
    /// Calling this method again on the same client adds the configuration, not a second handler.
    /// </para>
    /// <para>
    /// The handler's clock is the <see cref="TimeProvider"/> registered in the container, or <see cref="TimeProvider.System"/>.
    /// With <c>AddStandardResilienceHandler</c>, call this method first, so that transport failures are retried inside each
    /// WeChat attempt and the WeChat retries (which may wait for the next minute) are not cut by the standard total timeout.
    /// </para>
    /// <para>
    /// The client's HttpClientFactory request logging is replaced by one with the same categories, event ids and texts that
    /// writes every URL through the library's sanitizer (an <c>access_token</c> or <c>secret</c> never shows, on every version
    /// of Microsoft.Extensions.Http). Loggers added to the client before this call are removed; add yours after it.
    /// </para>
    /// <para>
    /// Only <c>SendAsync</c> is checked in the netstandard2.0 build (.NET 5 to 7 apps get it): there the synchronous
    /// <c>HttpClient.Send</c> passes the handler by, and a WeChat error arrives as a success. See <see cref="WeChatErrorHandler"/>.
    /// </para>
    /// </remarks>
    public static IHttpClientBuilder AddWeChatErrorHandling(this IHttpClientBuilder builder, Action<WeChatErrorHandlingOptions> configure)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        ArgumentNullExceptionShim.ThrowIfNull(configure);
        AddHandlerOnce(builder).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds a <see cref="WeChatErrorHandler"/> to the client, with options bound from configuration.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="configuration">The configuration section that holds the options, for example <c>Configuration.GetSection("WeChat:ErrorHandling")</c>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <remarks>See <see cref="AddWeChatErrorHandling(IHttpClientBuilder, Action{WeChatErrorHandlingOptions})"/>.</remarks>
    public static IHttpClientBuilder AddWeChatErrorHandling(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        ArgumentNullExceptionShim.ThrowIfNull(configuration);
#if NET8_0_OR_GREATER
        // The configuration-binding source generator intercepts this call: no reflection, AOT-safe.
#pragma warning disable IL2026, IL3050
        AddHandlerOnce(builder).Configure(o => configuration.Bind(o));
#pragma warning restore IL2026, IL3050
#else
        AddHandlerOnce(builder).Configure(o => ReflectionBinding.Bind(configuration, o));
#endif
        builder.Services.AddSingleton<IOptionsChangeTokenSource<WeChatErrorHandlingOptions>>(new ConfigurationChangeTokenSource<WeChatErrorHandlingOptions>(builder.Name, configuration));
        return builder;
    }

    private static OptionsBuilder<WeChatErrorHandlingOptions> AddHandlerOnce(IHttpClientBuilder builder)
    {
        var name = builder.Name;
        var options = builder.Services.AddOptions<WeChatErrorHandlingOptions>(name);
        if (builder.Services.Any(d => d.ServiceType == typeof(WeChatErrorHandlingMarker) && d.ImplementationInstance is WeChatErrorHandlingMarker m && m.ClientName == name))
        {
            return options;
        }

        builder.Services.AddSingleton(new WeChatErrorHandlingMarker(name));
        RedactedRequestLogging.Use(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatErrorHandlingOptions>, WeChatErrorHandlingOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatErrorHandlingOptions>, WeChatErrorHandlingOptionsCustomValidator>());
        options.ValidateOnStart();
        builder.AddHttpMessageHandler(services => new WeChatErrorHandler(
            services.GetRequiredService<IOptionsMonitor<WeChatErrorHandlingOptions>>().Get(name),
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory),
            services.GetService<IMeterFactory>()));
        return options;
    }
}
