using WeChatErrors;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the WeCom (企业微信) <c>access_token</c> of one application to the requests of an <see cref="HttpClient"/> registered with <c>AddHttpClient</c>.
/// </summary>
public static class WeComAccessTokenHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the <c>access_token</c> of the WeCom application <paramref name="app"/> of <paramref name="corpId"/>, from the registered
    /// <see cref="IWeComAccessTokenSource"/>, to every request of the client that lacks it, and reads the client's answers as WeCom answers.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="corpId">The corp ID.</param>
    /// <param name="app">The application, as registered with <c>AddWeComAccessTokens</c>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="corpId"/> or <paramref name="app"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The client already supplies another token (of a WeChat AppID or another WeCom application).</exception>
    /// <remarks>
    /// <para>
    /// Call it before <c>AddWeChatErrorHandling</c>: <c>.AddWeComAccessToken(corpId, app).AddWeChatErrorHandling()</c>. A request whose
    /// token the source supplied and that fails with <c>40014</c> (invalid access_token) or <c>42001</c> (expired) is sent again once
    /// with the source's current token (the failed one is dropped only if it is still the cached one). WeCom's <c>40001</c> is a
    /// wrong corpsecret: it is never recovered. Never a third time, never when the refresh itself fails, never with retries disabled.
    /// </para>
    /// <para>
    /// Every request of the client is read as a WeCom request (<see cref="WeChatHttpRequestMessageExtensions.ReadAsWeCom"/>), so a
    /// private deployment or a proxy needs no <see cref="WeChatErrorHandlingOptions.WeComHosts"/> entry. A request whose URL already
    /// has an <c>access_token</c> keeps it and is not recovered, unless it is the source's current token. One client serves one application.
    /// The client's HttpClientFactory request logging is replaced as by <c>AddWeChatErrorHandling</c>, so the supplied token is never
    /// logged, also on a client without error handling; loggers added to the client before this call are removed.
    /// </para>
    /// </remarks>
    public static IHttpClientBuilder AddWeComAccessToken(this IHttpClientBuilder builder, string corpId, string app)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        var key = WeComAccessTokenServiceCollectionExtensions.CheckKey(corpId, app);
        var supplied = "wecom:" + key;
        // The WeChat supply's marker records this client too, so that neither supply can be added beside the other.
        if (!TokenSupplyRegistration.TryClaim(builder, supplied))
        {
            return builder;
        }

        var name = builder.Name;
        RedactedRequestLogging.Use(builder);
        builder.AddHttpMessageHandler(() => new WeComRequestMarker());
        builder.AddHttpMessageHandler(services =>
        {
            var source = services.GetService<IWeComAccessTokenSource>() ?? throw new InvalidOperationException(
                $"No IWeComAccessTokenSource is registered for the HttpClient '{name}'. Call services.AddWeComAccessTokens(\"{corpId}\", \"{app}\", ...) or register your own source.");
            var lease = new WeComLeaseSource(source, corpId, app);
            return new AccessTokenSupplyHandler(lease, lease.Key);
        });
        return builder;
    }
}
