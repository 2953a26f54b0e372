namespace WeChatErrors;

/// <summary>The WeChat API the built-in token source fetches access tokens from.</summary>
public enum WeChatAccessTokenEndpoint
{
    /// <summary>
    /// <c>POST cgi-bin/stable_token</c> (getStableAccessToken) in normal mode (<c>force_refresh: false</c>): every caller gets the
    /// same token while it is valid, so several instances stay correct even without a shared cache. The recommended choice.
    /// </summary>
    StableToken = 0,

    /// <summary>
    /// <c>GET cgi-bin/token</c> (getAccessToken): each fetch issues a new token and invalidates the previous one a few minutes later.
    /// Use it only from a single instance, or behind a shared cache, or in your own central token service.
    /// </summary>
    ClientCredential = 1,
}
