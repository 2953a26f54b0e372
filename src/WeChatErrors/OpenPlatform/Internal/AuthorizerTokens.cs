using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>What a refresh of an account returns: its new access token and the refresh token to use next.</summary>
internal sealed class AuthorizerTokens(CachedAccessToken accessToken, string refreshToken)
{
    public CachedAccessToken AccessToken { get; } = accessToken;

    public string RefreshToken { get; } = refreshToken;
}
