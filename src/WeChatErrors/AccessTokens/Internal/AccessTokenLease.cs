using System.Diagnostics.CodeAnalysis;

using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Travels in a request's options when its <c>access_token</c> came from a token source, so <see cref="TokenRecoveryStrategy"/>
/// may recover it once after a token error. A request without a lease carries a token its caller owns, and is never recovered.
/// </summary>
/// <remarks>Only read after a token error (or to decide whether to buffer a request body), so the options of a request that
/// succeeds are never created on its account.</remarks>
internal sealed class AccessTokenLease
{
    private const string Key = "WeChatErrors.AccessTokenLease";

    public AccessTokenLease(IWeChatAccessTokenSource source, string appId, string token, string queryName = AccessTokenQuery.Name)
    {
        Source = source;
        AppId = appId;
        Token = token;
        QueryName = queryName;
    }

    public IWeChatAccessTokenSource Source { get; }

    public string AppId { get; }

    /// <summary>Gets the query parameter that carries the token: <c>access_token</c>, or <c>component_access_token</c> on a platform's own calls.</summary>
    public string QueryName { get; }

    /// <summary>Gets or sets the token the request carries now.</summary>
    public string Token { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the request was already sent again with a new token: once per request, also
    /// when an outer handler sends the same request through the handler again.
    /// </summary>
    public bool Recovered { get; set; }

    public static void Set(HttpRequestMessage request, AccessTokenLease lease) => RequestOptions.Set(request, Key, lease);

    public static bool TryGet(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease) => RequestOptions.TryGet(request, Key, out lease);
}
