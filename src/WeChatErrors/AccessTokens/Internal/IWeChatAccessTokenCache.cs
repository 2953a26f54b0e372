using System.Diagnostics.CodeAnalysis;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Lets the token supply check, without fetching, whether a token a caller put in the URL is the source's current one
/// (then the request may be recovered like one the supply filled in).
/// </summary>
internal interface IWeChatAccessTokenCache
{
    bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token);
}
