
namespace WeChatErrors.Shared.Redaction;

/// <summary>
/// The query parameter names the redactor knows: those shown by default and those never shown.
/// </summary>
internal static class SensitiveNames
{
    /// <summary>The text that replaces a hidden value.</summary>
    public const string Redacted = "REDACTED";

    private static readonly HashSet<string> SecretNameSet = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token",
        "secret",
        "appsecret",
        "corpsecret",
        "code",
        "refresh_token",
        "component_access_token",
        "authorizer_access_token",
        "authorizer_refresh_token",
        "ticket",
        "component_verify_ticket",
        "js_code",
        "password",
        "sign",
        "signature",
        "key",
        "token",
        "session_key",
        "client_secret",
    };

    // Suffixes that mark a credential in WeChat's naming (suite_access_token, pre_auth_code, jsapi_ticket...).
    private static readonly string[] SecretSuffixes =
    [
        "_token",
        "_secret",
        "_ticket",
        "_code",
        "_key",
        "_sign",
        "_signature",
        "_password",
    ];

    /// <summary>Gets the names whose values are shown by default: they identify the call, never the caller's credentials.</summary>
    public static IReadOnlyCollection<string> DefaultLoggedQueryParameters => DefaultLoggedSet;

    private static readonly HashSet<string> DefaultLoggedSet = new(StringComparer.OrdinalIgnoreCase)
    {
        "grant_type",
        "type",
        "lang",
        "appid",
        "component_appid",
        "offset",
        "count",
        "begin_date",
        "end_date",
        "scene",
        "action",
    };

    /// <summary>
    /// Returns whether <paramref name="decodedName"/> names a credential. Such a value is never shown, whatever the allow-list says.
    /// </summary>
    /// <param name="decodedName">The parameter name, already percent-decoded.</param>
    /// <returns><see langword="true"/> when the name is a secret.</returns>
    public static bool IsSecret(string decodedName)
    {
        string name = decodedName.Trim();
        if (SecretNameSet.Contains(name))
        {
            return true;
        }

        foreach (string suffix in SecretSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns whether <paramref name="name"/> is a single word that means a credential in prose as well as in a query
    /// (<c>secret</c>, <c>appsecret</c>, <c>corpsecret</c>, <c>password</c>), unlike <c>code</c> or <c>key</c>, which often start ordinary text.
    /// </summary>
    /// <param name="name">The name, already percent-decoded.</param>
    /// <returns><see langword="true"/> for such a word.</returns>
    public static bool IsCredentialWord(string name) =>
        name.Equals("secret", StringComparison.OrdinalIgnoreCase)
        || name.Equals("appsecret", StringComparison.OrdinalIgnoreCase)
        || name.Equals("corpsecret", StringComparison.OrdinalIgnoreCase)
        || name.Equals("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether the value of <paramref name="decodedName"/> may be shown.</summary>
    /// <param name="decodedName">The parameter name, already percent-decoded.</param>
    /// <param name="loggedQueryParameters">The names to show; <see langword="null"/> for <see cref="DefaultLoggedQueryParameters"/>.</param>
    /// <returns><see langword="true"/> when the name is allowed and is not a secret.</returns>
    public static bool IsLogged(string decodedName, IReadOnlyCollection<string>? loggedQueryParameters)
    {
        if (IsSecret(decodedName))
        {
            return false;
        }

        string name = decodedName.Trim();
        foreach (string allowed in loggedQueryParameters ?? DefaultLoggedSet)
        {
            if (string.Equals(allowed, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Percent-decodes a query parameter name (and <c>+</c> as a space) without ever throwing.</summary>
    /// <param name="name">The name as it appears in the query.</param>
    /// <returns>The decoded name.</returns>
    public static string DecodeName(string name)
    {
        if (name.IndexOf('%') < 0 && name.IndexOf('+') < 0)
        {
            return name;
        }

        try
        {
            return Uri.UnescapeDataString(name.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return name;
        }
    }
}
