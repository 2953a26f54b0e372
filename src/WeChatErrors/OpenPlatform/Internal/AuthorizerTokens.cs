using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// An account's tokens: its refresh token, and its access token while one is known. What a refresh or an authorization returns
/// (both), and what the account's shared entry holds (the access token may be gone).
/// </summary>
internal sealed class AuthorizerTokens(string refreshToken, CachedAccessToken? accessToken)
{
    public string RefreshToken { get; } = refreshToken;

    public CachedAccessToken? AccessToken { get; } = accessToken;
}
