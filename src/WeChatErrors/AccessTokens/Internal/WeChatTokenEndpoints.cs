
namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The endpoints that issue tokens from an AppSecret. On them an access-token code (such as <c>40001</c>) means a wrong secret,
/// not a stale token: the exception is a <see cref="WeChatConfigurationException"/> and the request is never recovered.
/// </summary>
internal static class WeChatTokenEndpoints
{
    public const string StableTokenPath = "cgi-bin/stable_token";

    public const string ClientCredentialPath = "cgi-bin/token";

    private static readonly string[] Paths =
    [
        "/" + ClientCredentialPath,
        "/" + StableTokenPath,
        "/cgi-bin/component/api_component_token",
    ];

    /// <summary>Returns whether <paramref name="requestUri"/> calls a token endpoint (also behind a path prefix, such as a proxy's).</summary>
    /// <param name="requestUri">The request URI, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a token endpoint.</returns>
    public static bool IsTokenEndpoint(Uri? requestUri) => EndsWithAny(requestUri, Paths);

    /// <summary>Returns whether the path of <paramref name="requestUri"/>, without a trailing slash, ends with one of <paramref name="paths"/>, ignoring case.</summary>
    internal static bool EndsWithAny(Uri? requestUri, string[] paths)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri)
        {
            return false;
        }

        var path = requestUri.AbsolutePath.TrimEnd('/');
        foreach (var candidate in paths)
        {
            if (path.EndsWith(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
