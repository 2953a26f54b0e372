using System.Diagnostics.CodeAnalysis;

namespace WeChatErrors.Internal.AccessTokens;

/// <summary>
/// Marks a request whose <c>access_token</c> came from a token source, so <see cref="WeChatErrorHandler"/> may recover it once
/// after a token error. A request without a lease carries a token its caller owns, and is never recovered.
/// </summary>
internal sealed class AccessTokenLease
{
    private const string Key = "WeChatErrors.AccessTokenLease";

    public AccessTokenLease(IWeChatAccessTokenSource source, string appId, string token)
    {
        Source = source;
        AppId = appId;
        Token = token;
    }

    public IWeChatAccessTokenSource Source { get; }

    public string AppId { get; }

    /// <summary>Gets or sets the token the request carries now.</summary>
    public string Token { get; set; }

    /// <summary>Gets or sets a value indicating whether the request was already sent again with a new token (once at most).</summary>
    public bool Recovered { get; set; }

    public static void Set(HttpRequestMessage request, AccessTokenLease lease)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<AccessTokenLease>(Key), lease);
#else
        request.Properties[Key] = lease;
#endif
    }

    public static bool TryGet(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<AccessTokenLease>(Key), out lease);
#else
        lease = request.Properties.TryGetValue(Key, out var value) ? value as AccessTokenLease : null;
        return lease is not null;
#endif
    }
}
