using WeChatErrors;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.OpenPlatform.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the tokens of a WeChat third-party platform (第三方平台) to the requests of an <see cref="HttpClient"/> registered with
/// <c>AddHttpClient</c>: the platform's own <c>component_access_token</c>, or the <c>access_token</c> of an account that authorized it.
/// </summary>
/// <remarks>
/// Register the platform first with <c>services.AddWeChatOpenPlatform(componentAppId, ...)</c>, and call these methods before
/// <c>AddWeChatErrorHandling</c>: <c>.AddWeChatAuthorizerToken(componentAppId, authorizerAppId).AddWeChatErrorHandling()</c>. Then a
/// request whose token was supplied and that fails with <c>40001</c>, <c>40014</c> or <c>42001</c> is sent again once with the
/// current token of the same kind (the failed one is dropped only while it is still the cached one). The token is in the URL only
/// while the request is below the supply, and the client's request logging is replaced by the redacting one, as by
/// <c>AddWeChatAccessToken</c>. One client supplies one token.
/// </remarks>
public static class WeChatOpenPlatformHttpClientBuilderExtensions
{
    /// <summary>Adds the platform's <c>component_access_token</c> query parameter to every request of the client that lacks it.</summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="componentAppId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="componentAppId"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The client already supplies another token.</exception>
    /// <remarks>For the platform's own calls (<c>api_get_authorizer_list</c>, <c>api_create_preauthcode</c>...).</remarks>
    public static IHttpClientBuilder AddWeChatComponentToken(this IHttpClientBuilder builder, string componentAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        CheckAppId(componentAppId, nameof(componentAppId));
        if (!TokenSupplyRegistration.TryClaim(builder, "component:" + componentAppId))
        {
            return builder;
        }

        var name = builder.Name;
        RedactedRequestLogging.Use(builder);
        builder.AddHttpMessageHandler(services => new AccessTokenSupplyHandler(
            new ComponentLeaseSource(services.GetService<IWeChatComponentTokenSource>() ?? throw NotRegistered(name, componentAppId)),
            componentAppId,
            AccessTokenQuery.ComponentName));
        return builder;
    }

    /// <summary>Adds the <c>access_token</c> of one account that authorized the platform to every request of the client that lacks it.</summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An AppID is empty.</exception>
    /// <exception cref="InvalidOperationException">The client already supplies another token.</exception>
    /// <remarks>One typed or named client per account. For many accounts, use <see cref="AddWeChatAuthorizerToken(IHttpClientBuilder, string)"/>.</remarks>
    public static IHttpClientBuilder AddWeChatAuthorizerToken(this IHttpClientBuilder builder, string componentAppId, string authorizerAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        CheckAppId(componentAppId, nameof(componentAppId));
        CheckAppId(authorizerAppId, nameof(authorizerAppId));
        return AddAuthorizerSupply(builder, componentAppId, authorizerAppId, "authorizer:" + WeChatOpenPlatformDefaults.AuthorizerKey(componentAppId, authorizerAppId));
    }

    /// <summary>
    /// Adds the <c>access_token</c> of the account each request names with
    /// <see cref="WeChatOpenPlatformRequestExtensions.SetWeChatAuthorizer(HttpRequestMessage, string)"/>: one client for all of the platform's accounts.
    /// </summary>
    /// <param name="builder">The builder instance.</param>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="componentAppId"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The client already supplies another token.</exception>
    /// <remarks>A request that names no account and has no <c>access_token</c> fails with an <see cref="InvalidOperationException"/> before it is sent.</remarks>
    public static IHttpClientBuilder AddWeChatAuthorizerToken(this IHttpClientBuilder builder, string componentAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        CheckAppId(componentAppId, nameof(componentAppId));
        return AddAuthorizerSupply(builder, componentAppId, authorizerAppId: null, "authorizers:" + componentAppId);
    }

    private static IHttpClientBuilder AddAuthorizerSupply(IHttpClientBuilder builder, string componentAppId, string? authorizerAppId, string supplied)
    {
        if (!TokenSupplyRegistration.TryClaim(builder, supplied))
        {
            return builder;
        }

        var name = builder.Name;
        RedactedRequestLogging.Use(builder);
        builder.AddHttpMessageHandler(services => new AccessTokenSupplyHandler(
            new AuthorizerLeaseSource(services.GetService<IWeChatAuthorizerTokenSource>() ?? throw NotRegistered(name, componentAppId), componentAppId),
            authorizerAppId));
        return builder;
    }

    private static void CheckAppId(string appId, string parameterName)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId, parameterName);
        if (appId.Length == 0)
        {
            throw new ArgumentException("The AppID must not be empty.", parameterName);
        }
    }

    private static InvalidOperationException NotRegistered(string clientName, string componentAppId) =>
        new($"No open platform token source is registered for the HttpClient '{clientName}'. Call services.AddWeChatOpenPlatform(\"{componentAppId}\", ...).");
}
