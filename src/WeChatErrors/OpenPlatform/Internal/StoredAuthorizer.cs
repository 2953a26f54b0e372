using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>An account's shared entry: its refresh token, and its access token while one is known.</summary>
internal sealed class StoredAuthorizer(string refreshToken, CachedAccessToken? accessToken)
{
    public string RefreshToken { get; } = refreshToken;

    public CachedAccessToken? AccessToken { get; } = accessToken;
}
