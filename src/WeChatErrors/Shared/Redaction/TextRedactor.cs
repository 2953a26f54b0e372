using System.Text;

namespace WeChatErrors.Shared.Redaction;

/// <summary>
/// Hides the values of credential <c>name=value</c> (and <c>"name":"value"</c>) pairs inside free text such as <c>errmsg</c>.
/// </summary>
/// <remarks>
/// Only names for which <see cref="SensitiveNames.IsSecret(string)"/> is true are touched, so the rest of the text
/// (descriptions, rid, hints, harmless URL parameters) stays readable.
/// </remarks>
internal static class TextRedactor
{
    /// <summary>Returns <paramref name="text"/> with every secret value replaced by <c>REDACTED</c>.</summary>
    /// <param name="text">The text to clean.</param>
    /// <returns>The cleaned text; the same instance when nothing was hidden.</returns>
    public static string Redact(string text)
    {
        StringBuilder? builder = null;
        int copied = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == ':' && TryGetUserInfo(text, i, out int userInfoStart, out int userInfoEnd))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, userInfoStart - copied).Append(SensitiveNames.Redacted);
                copied = userInfoEnd;
                i = userInfoEnd;
                continue;
            }

            if ((c == '=' || c == ':') && TryGetSecretValue(text, i, out int valueStart, out int valueEnd))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, valueStart - copied).Append(SensitiveNames.Redacted);
                copied = valueEnd;
                i = valueEnd;
                continue;
            }

            i++;
        }

        if (builder is null)
        {
            return text;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    // "scheme://user:password@host": the user information is hidden, the '@' and host are kept.
    private static bool TryGetUserInfo(string text, int colon, out int start, out int end)
    {
        start = colon + 3;
        end = 0;
        if (start > text.Length || string.CompareOrdinal(text, colon, "://", 0, 3) != 0)
        {
            return false;
        }

        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '@')
            {
                end = i;
                return end > start;
            }

            if (c is '/' or '?' or '#' || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryGetSecretValue(string text, int separator, out int valueStart, out int valueEnd)
    {
        valueStart = valueEnd = 0;

        int nameEnd = separator;
        while (nameEnd > 0 && text[nameEnd - 1] == ' ')
        {
            nameEnd--;
        }

        bool quotedName = nameEnd > 0 && (text[nameEnd - 1] == '"' || text[nameEnd - 1] == '\'');
        if (quotedName)
        {
            nameEnd--;
        }

        int nameStart = nameEnd;
        while (nameStart > 0 && IsNameChar(text[nameStart - 1]))
        {
            nameStart--;
        }

        if (nameStart == nameEnd)
        {
            return false;
        }

        string name = SensitiveNames.DecodeName(text.Substring(nameStart, nameEnd - nameStart));

        // After ':' a plain word ("error code: 40001") is prose, not a pair; only a quoted key, a compound name or a word that
        // can only mean a credential ("secret: ...", "AppSecret: ...") counts.
        if (!SensitiveNames.IsSecret(name)
            || (text[separator] == ':' && !quotedName && name.IndexOf('_') < 0 && !SensitiveNames.IsCredentialWord(name)))
        {
            return false;
        }

        int start = separator + 1;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        char quote = '\0';
        if (start < text.Length && (text[start] == '"' || text[start] == '\''))
        {
            quote = text[start];
            start++;
        }

        int end = start;
        while (end < text.Length && (quote == '\0' ? !IsValueTerminator(text[end]) : text[end] != quote))
        {
            end++;
        }

        if (end == start)
        {
            return false;
        }

        valueStart = start;
        valueEnd = end;
        return true;
    }

    private static bool IsNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.' or '%';

    private static bool IsValueTerminator(char c) =>
        char.IsWhiteSpace(c) || c is '&' or ',' or ';' or '"' or '\'' or ')' or ']' or '}' or '<' or '>';
}
