using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Marks a request whose <c>access_token</c> came from a token source, so <see cref="WeChatErrorHandler"/> may recover it once
/// after a token error. A request without a lease carries a token its caller owns, and is never recovered.
/// </summary>
internal sealed class AccessTokenLease
{
    // Kept beside the request rather than in its Options: reading HttpRequestMessage.Options creates its dictionary, and the
    // handler asks every request whether it has a lease. The table holds requests weakly, so nothing outlives them.
    private static readonly ConditionalWeakTable<HttpRequestMessage, AccessTokenLease> Leases = new();

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
        Leases.AddOrUpdate(request, lease);
#else
        lock (Leases)
        {
            Leases.Remove(request);
            Leases.Add(request, lease);
        }
#endif
    }

    public static bool TryGet(HttpRequestMessage request, [NotNullWhen(true)] out AccessTokenLease? lease) => Leases.TryGetValue(request, out lease);
}
