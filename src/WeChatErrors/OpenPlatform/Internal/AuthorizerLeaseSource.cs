using System.Diagnostics.CodeAnalysis;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The accounts of one platform seen as a token source of the supply and the recovery: the key is the account's AppID (fixed for
/// a client, or named per request), and the token travels as the account's <c>access_token</c>.
/// </summary>
internal sealed class AuthorizerLeaseSource(IWeChatAuthorizerTokenSource source, string componentAppId) : IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken) => source.GetTokenAsync(componentAppId, appId, cancellationToken);

    public ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken) =>
        source.InvalidateAsync(componentAppId, appId, failedToken, cancellationToken);

    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token)
    {
        token = null;
        return source is AuthorizerTokenCache cache && cache.TryGetCachedToken(componentAppId, appId, out token);
    }
}
