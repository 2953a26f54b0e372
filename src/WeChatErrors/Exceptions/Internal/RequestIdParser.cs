
namespace WeChatErrors.Exceptions.Internal;

/// <summary>
/// Finds the request id that WeChat appends to <c>errmsg</c>: a trailing <c>rid: xxxxxxxx-xxxxxxxx-xxxxxxxx</c>
/// (since about 2020), else the older <c>hint: [token]</c> or <c>hints: [ req_id: token ]</c>.
/// </summary>
/// <remarks>
/// The rid is taken only from the end of the text, because messages may hold URLs or rid-like text earlier.
/// A hint token is returned exactly as sent, including a trailing <c>!</c>: WeChat never documented the format,
/// and support staff look up what the server printed.
/// </remarks>
internal static class RequestIdParser
{
    private const int RidLength = 26;
    private const int MaxHintLength = 64;

    /// <summary>Returns the request id in <paramref name="errorMessage"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="errorMessage">The raw <c>errmsg</c>.</param>
    /// <returns>The rid, else the hint token, else <see langword="null"/>.</returns>
    public static string? Parse(string? errorMessage)
    {
        if (string.IsNullOrEmpty(errorMessage))
        {
            return null;
        }

        return ParseRid(errorMessage!) ?? ParseHint(errorMessage!);
    }

    private static string? ParseRid(string text)
    {
        int end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        int start = end - RidLength;
        if (start < 0 || !IsRid(text, start))
        {
            return null;
        }

        int colon = start;
        while (colon > 0 && text[colon - 1] == ' ')
        {
            colon--;
        }

        // The id must follow "rid:" and nothing else may be glued to "rid" (so "grid:" does not count).
        if (colon < 4 || text[colon - 1] != ':' || string.CompareOrdinal(text, colon - 4, "rid", 0, 3) != 0)
        {
            return null;
        }

        int ridWord = colon - 4;
        if (ridWord > 0 && !IsBoundary(text[ridWord - 1]))
        {
            return null;
        }

        return text.Substring(start, RidLength);
    }

    private static bool IsRid(string text, int start)
    {
        for (int i = 0; i < RidLength; i++)
        {
            char c = text[start + i];
            bool ok = i is 8 or 17 ? c == '-' : IsHex(c);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string? ParseHint(string text)
    {
        int search = text.Length;
        while (search > 0)
        {
            int hint = text.LastIndexOf("hint", search - 1, search, StringComparison.Ordinal);
            if (hint < 0)
            {
                return null;
            }

            string? token = TryReadHint(text, hint);
            if (token is not null)
            {
                return token;
            }

            search = hint;
        }

        return null;
    }

    // Reads "hint: [token]", "hints: [token]" or "hints: [ req_id: token ]" starting at the word "hint".
    private static string? TryReadHint(string text, int hint)
    {
        if (hint > 0 && !IsBoundary(text[hint - 1]))
        {
            return null;
        }

        int i = hint + 4;
        if (i < text.Length && text[i] == 's')
        {
            i++;
        }

        if (i >= text.Length || text[i] != ':')
        {
            return null;
        }

        i = SkipSpaces(text, i + 1);
        if (i >= text.Length || text[i] != '[')
        {
            return null;
        }

        i = SkipSpaces(text, i + 1);
        const string ReqId = "req_id:";
        if (string.CompareOrdinal(text, i, ReqId, 0, ReqId.Length) == 0)
        {
            i = SkipSpaces(text, i + ReqId.Length);
        }

        int tokenStart = i;
        while (i < text.Length && text[i] != ']' && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        int tokenEnd = i;
        i = SkipSpaces(text, i);
        int length = tokenEnd - tokenStart;
        if (i >= text.Length || text[i] != ']' || length == 0 || length > MaxHintLength)
        {
            return null;
        }

        return text.Substring(tokenStart, length);
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static bool IsBoundary(char c) => char.IsWhiteSpace(c) || c is ',' or ';' or '(' or '[' or '.';
}
