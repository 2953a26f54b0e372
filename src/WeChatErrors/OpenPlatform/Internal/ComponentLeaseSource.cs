using System.Diagnostics.CodeAnalysis;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// A platform's component token source seen as a token source of the supply and the recovery, which know one key per token: the
/// key is the platform's AppID, and the token travels as <c>component_access_token</c>.
/// </summary>
internal sealed class ComponentLeaseSource(IWeChatComponentTokenSource source) : IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken) => source.GetComponentTokenAsync(appId, cancellationToken);

    public ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken) =>
        source.InvalidateComponentTokenAsync(appId, failedToken, cancellationToken);

    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token)
    {
        token = null;
        return source is ComponentTokenCache cache && cache.TryGetCachedToken(appId, out token);
    }
}
