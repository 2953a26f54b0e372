
namespace WeChatErrors.AccessTokens.Internal;

/// <summary>Which token errors a new <c>access_token</c> can fix.</summary>
internal static class AccessTokenRecovery
{
    /// <summary>
    /// Returns whether <paramref name="exception"/> says the request's <c>access_token</c> is stale, invalid or expired
    /// (<c>40001</c>, <c>40014</c>, <c>42001</c>). The other codes of kind <see cref="WeChatErrorKind.AccessToken"/> concern another
    /// token type (<c>component_access_token</c>) or a missing token, which a new <c>access_token</c> does not fix.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <returns><see langword="true"/> when a new token may fix it.</returns>
    public static bool IsRecoverable(WeChatApiException exception) =>
        exception is WeChatAccessTokenException && exception.RawErrorCode is 40001 or 40014 or 42001;
}
