using System.Diagnostics.CodeAnalysis;
using WeChatErrors.Shared;

namespace WeChatErrors;

/// <summary>Per-request settings of the open platform's token supply.</summary>
public static class WeChatOpenPlatformRequestExtensions
{
    private const string AuthorizerKey = "WeChatErrors.Authorizer";

    /// <summary>
    /// Names the account on whose behalf the request is sent, for a client registered with <c>AddWeChatAuthorizerToken(componentAppId)</c>
    /// (one client for every account): the request gets that account's <c>authorizer_access_token</c>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <returns>The value of <paramref name="request"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="authorizerAppId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="authorizerAppId"/> is empty.</exception>
    public static HttpRequestMessage SetWeChatAuthorizer(this HttpRequestMessage request, string authorizerAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        ArgumentNullExceptionShim.ThrowIfNull(authorizerAppId);
        if (authorizerAppId.Length == 0)
        {
            throw new ArgumentException("The authorizer AppID must not be empty.", nameof(authorizerAppId));
        }

        RequestOptions.Set(request, AuthorizerKey, authorizerAppId);
        return request;
    }

    /// <summary>Gets the account named by <see cref="SetWeChatAuthorizer(HttpRequestMessage, string)"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="authorizerAppId">The account's AppID, when one was named.</param>
    /// <returns><see langword="true"/> when the request names an account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool TryGetWeChatAuthorizer(this HttpRequestMessage request, [NotNullWhen(true)] out string? authorizerAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(request);
        return RequestOptions.TryGet(request, AuthorizerKey, out authorizerAppId) && authorizerAppId is not null;
    }
}
