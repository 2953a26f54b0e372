using System.Text;

namespace WeChatErrors.Shared.Redaction;

/// <summary>
/// The one sanitizer for request URIs: exception messages, <see cref="Exception.ToString"/>, properties and logs all use it.
/// </summary>
/// <remarks>
/// Keeps the scheme, host, port and path. Drops user information and the fragment. Every query value becomes
/// <c>REDACTED</c> unless its name is in the allow-list, and the values of credential names
/// (<see cref="SensitiveNames.IsSecret(string)"/>) are hidden even when the allow-list names them.
/// </remarks>
internal static class UriRedactor
{
    /// <summary>Returns <paramref name="uri"/> with its secrets removed.</summary>
    /// <param name="uri">An absolute or relative URI.</param>
    /// <param name="loggedQueryParameters">The query parameter names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <returns>The redacted URI text.</returns>
    public static string Redact(Uri uri, IReadOnlyCollection<string>? loggedQueryParameters = null)
    {
        // On Unix, "/cgi-bin/token?..." parses as an absolute file URI; treat what the caller wrote as relative.
        if (!uri.IsAbsoluteUri || (uri.IsFile && uri.OriginalString.StartsWith("/", StringComparison.Ordinal)))
        {
            return RedactRelative(uri.OriginalString, loggedQueryParameters);
        }

        string head = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        string query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        bool hasQuery = uri.Query.Length > 0;
        return hasQuery ? head + "?" + RedactQuery(query, loggedQueryParameters) : head;
    }

    /// <summary>Returns the URI text <paramref name="uri"/> with its secrets removed.</summary>
    /// <param name="uri">An absolute or relative URI, possibly malformed.</param>
    /// <param name="loggedQueryParameters">The query parameter names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <returns>The redacted URI text.</returns>
    public static string Redact(string uri, IReadOnlyCollection<string>? loggedQueryParameters = null)
    {
        if (!uri.StartsWith("/", StringComparison.Ordinal) && Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed))
        {
            return Redact(parsed, loggedQueryParameters);
        }

        return RedactRelative(uri, loggedQueryParameters);
    }

    /// <summary>Redacts a query string (without the leading <c>?</c>): every value is hidden unless its name may be shown.</summary>
    /// <param name="query">The query, for example <c>access_token=abc&amp;type=image</c>.</param>
    /// <param name="loggedQueryParameters">The names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <returns>The redacted query.</returns>
    public static string RedactQuery(string query, IReadOnlyCollection<string>? loggedQueryParameters = null)
    {
        if (query.Length == 0)
        {
            return query;
        }

        var builder = new StringBuilder(query.Length + 16);
        int start = 0;
        while (start <= query.Length)
        {
            int end = query.IndexOf('&', start);
            if (end < 0)
            {
                end = query.Length;
            }

            if (start > 0)
            {
                builder.Append('&');
            }

            AppendParameter(builder, query.Substring(start, end - start), loggedQueryParameters);
            start = end + 1;
        }

        return builder.ToString();
    }

    private static void AppendParameter(StringBuilder builder, string parameter, IReadOnlyCollection<string>? loggedQueryParameters)
    {
        int equals = parameter.IndexOf('=');
        if (equals < 0)
        {
            // A bare name carries no value.
            builder.Append(parameter);
            return;
        }

        string name = parameter.Substring(0, equals);
        builder.Append(name).Append('=');
        if (equals == parameter.Length - 1)
        {
            // An empty value hides nothing, and showing it helps spot a missing access_token.
            return;
        }

        if (SensitiveNames.IsLogged(SensitiveNames.DecodeName(name), loggedQueryParameters))
        {
            builder.Append(parameter, equals + 1, parameter.Length - equals - 1);
        }
        else
        {
            builder.Append(SensitiveNames.Redacted);
        }
    }

    private static string RedactRelative(string uri, IReadOnlyCollection<string>? loggedQueryParameters)
    {
        int hash = uri.IndexOf('#');
        if (hash >= 0)
        {
            uri = uri.Substring(0, hash);
        }

        string head = uri;
        string? query = null;
        int question = uri.IndexOf('?');
        if (question >= 0)
        {
            head = uri.Substring(0, question);
            query = uri.Substring(question + 1);
        }

        head = RemoveUserInfo(head);
        return query is null ? head : head + "?" + RedactQuery(query, loggedQueryParameters);
    }

    // For text that System.Uri refused: "scheme://user:pass@host/path" loses "user:pass@".
    private static string RemoveUserInfo(string head)
    {
        int scheme = head.IndexOf("://", StringComparison.Ordinal);
        int authorityStart = scheme < 0 ? (head.StartsWith("//", StringComparison.Ordinal) ? 2 : -1) : scheme + 3;
        if (authorityStart < 0)
        {
            return head;
        }

        int authorityEnd = head.IndexOf('/', authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = head.Length;
        }

        int at = head.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        return at < 0 ? head : head.Substring(0, authorityStart) + head.Substring(at + 1);
    }
}
