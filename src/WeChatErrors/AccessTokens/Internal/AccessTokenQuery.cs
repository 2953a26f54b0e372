using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>Reads and replaces the token query parameter of a request URI: <c>access_token</c>, or another name such as <c>component_access_token</c>.</summary>
internal static class AccessTokenQuery
{
    public const string Name = "access_token";

    /// <summary>The parameter that carries a third-party platform's own token.</summary>
    public const string ComponentName = "component_access_token";

    /// <summary>Reads the <c>access_token</c> value of <paramref name="uri"/>.</summary>
    /// <param name="uri">An absolute request URI.</param>
    /// <param name="token">The unescaped value, when present and not empty.</param>
    /// <returns><see langword="true"/> when the URI carries a non-empty token.</returns>
    public static bool TryGet(Uri uri, [NotNullWhen(true)] out string? token) => TryGet(uri, Name, out token);

    /// <summary>Reads the value of the <paramref name="name"/> parameter of <paramref name="uri"/>.</summary>
    public static bool TryGet(Uri uri, string name, [NotNullWhen(true)] out string? token)
    {
        token = null;
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return false;
        }

        foreach (var pair in query.Substring(1).Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals == name.Length && pair.StartsWith(name, StringComparison.Ordinal) && pair.Length > equals + 1)
            {
                token = Uri.UnescapeDataString(pair.Substring(equals + 1));
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns <paramref name="uri"/> with its <c>access_token</c> set to <paramref name="token"/>; other parameters keep their order.</summary>
    /// <param name="uri">An absolute request URI.</param>
    /// <param name="token">The token.</param>
    /// <returns>The new URI.</returns>
    public static Uri WithToken(Uri uri, string token) => WithToken(uri, Name, token);

    /// <summary>Returns <paramref name="uri"/> with its <paramref name="name"/> parameter set to <paramref name="token"/>.</summary>
    public static Uri WithToken(Uri uri, string name, string token)
    {
        var escaped = name + "=" + Uri.EscapeDataString(token);
        var query = uri.Query;
        var builder = new StringBuilder(uri.GetLeftPart(UriPartial.Path)).Append('?');
        var replaced = false;
        if (query.Length > 1)
        {
            foreach (var pair in query.Substring(1).Split('&'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }

                var isToken = pair.StartsWith(name, StringComparison.Ordinal) && (pair.Length == name.Length || pair[name.Length] == '=');
                if (isToken && replaced)
                {
                    continue;
                }

                builder.Append(isToken ? escaped : pair).Append('&');
                replaced |= isToken;
            }
        }

        if (!replaced)
        {
            builder.Append(escaped).Append('&');
        }

        builder.Length--;
        builder.Append(uri.Fragment);
        return new Uri(builder.ToString());
    }
}
