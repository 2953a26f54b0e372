using WeChatErrors;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the <c>access_token</c> of an app to the requests of an <see cref="HttpClient"/> registered with <c>AddHttpClient</c>.
/// </summary>
public static class WeChatAccessTokenHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the <c>access_token</c> query parameter of <paramref name="appId"/>, from the registered
    /// <see cref="IWeChatAccessTokenSource"/>, to every request of the client that lacks it.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="appId">The AppID whose token the client uses.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="appId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The client already supplies the token of another AppID.</exception>
    /// <remarks>
    /// <para>
    /// Call it before <c>AddWeChatErrorHandling</c>: <c>.AddWeChatAccessToken(appId).AddWeChatErrorHandling()</c>. Then a request
    /// whose token the source supplied and that fails with <c>40001</c>, <c>40014</c> or <c>42001</c> is sent again once with the
    /// source's current token (the failed one is dropped only if it is still the cached one). It is never sent a third time, never
    /// when the refresh itself fails (its own exception surfaces), and never when retries are disabled
    /// (<see cref="WeChatHttpRequestMessageExtensions.DisableWeChatRetry(HttpRequestMessage)"/>, <c>Retry.Enabled = false</c>).
    /// </para>
    /// <para>
    /// A request whose URL already has an <c>access_token</c> keeps it; the caller owns that token and it is not recovered,
    /// unless it is the source's current token. Register the source first, with <c>services.AddWeChatAccessTokens(appId, ...)</c>
    /// or your own <see cref="IWeChatAccessTokenSource"/>. Calling this method again with the same AppID does nothing.
    /// </para>
    /// <para>
    /// The token is in the request's URL only while the request is below this handler: the caller's request keeps the URL it
    /// gave, whatever the outcome. The client's HttpClientFactory request logging is replaced as by <c>AddWeChatErrorHandling</c>,
    /// so the supplied token is never logged; loggers added to the client before this call are removed.
    /// </para>
    /// <para>
    /// In the netstandard2.0 build (.NET 5 to 7 apps get it) the synchronous <c>HttpClient.Send</c> passes this handler by
    /// as it does <see cref="WeChatErrorHandler"/>: such a request goes without a token. Use <c>SendAsync</c> there.
    /// </para>
    /// </remarks>
    public static IHttpClientBuilder AddWeChatAccessToken(this IHttpClientBuilder builder, string appId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        if (appId.Length == 0)
        {
            throw new ArgumentException("The AppID must not be empty.", nameof(appId));
        }

        if (!TokenSupplyRegistration.TryClaim(builder, appId))
        {
            return builder;
        }

        var name = builder.Name;
        RedactedRequestLogging.Use(builder);
        builder.AddHttpMessageHandler(services => new AccessTokenSupplyHandler(
            services.GetService<IWeChatAccessTokenSource>() ?? throw new InvalidOperationException(
                $"No IWeChatAccessTokenSource is registered for the HttpClient '{name}'. Call services.AddWeChatAccessTokens(\"{appId}\", ...) or register your own source."),
            appId));
        return builder;
    }
}
