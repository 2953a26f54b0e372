namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The WeCom endpoints that issue tokens from a secret (<c>cgi-bin/gettoken</c> and the third-party suite, provider and corp
/// token endpoints). On them a token code is a configuration error: the exception is a <see cref="WeChatConfigurationException"/>
/// and the request is never recovered.
/// </summary>
internal static class WeComTokenEndpoints
{
    public const string GetTokenPath = "cgi-bin/gettoken";

    private static readonly string[] Paths =
    [
        "/" + GetTokenPath,
        "/cgi-bin/service/get_suite_token",
        "/cgi-bin/service/get_provider_token",
        "/cgi-bin/service/get_corp_token",
    ];

    /// <summary>Returns whether <paramref name="requestUri"/> calls a WeCom token endpoint (also behind a path prefix, such as a proxy's).</summary>
    /// <param name="requestUri">The request URI, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a token endpoint.</returns>
    public static bool IsTokenEndpoint(Uri? requestUri) => WeChatTokenEndpoints.EndsWithAny(requestUri, Paths);
}
