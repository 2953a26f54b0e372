using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>Reads and replaces the <c>access_token</c> query parameter of a request URI.</summary>
internal static class AccessTokenQuery
{
    public const string Name = "access_token";

    /// <summary>Reads the <c>access_token</c> value of <paramref name="uri"/>.</summary>
    /// <param name="uri">An absolute request URI.</param>
    /// <param name="token">The unescaped value, when present and not empty.</param>
    /// <returns><see langword="true"/> when the URI carries a non-empty token.</returns>
    public static bool TryGet(Uri uri, [NotNullWhen(true)] out string? token)
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
            if (equals == Name.Length && pair.StartsWith(Name, StringComparison.Ordinal) && pair.Length > equals + 1)
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
    public static Uri WithToken(Uri uri, string token)
    {
        var escaped = Name + "=" + Uri.EscapeDataString(token);
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

                var isToken = pair.StartsWith(Name, StringComparison.Ordinal) && (pair.Length == Name.Length || pair[Name.Length] == '=');
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
