using System.Net;

namespace WeChatErrors.Exceptions.Internal;

/// <summary>
/// Reads the caller's IP address from a WeChat 40164 <c>errmsg</c> such as
/// <c>invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: ...</c>
/// (older messages have no <c>ipv6</c> part), or from a WeCom 60020 one such as
/// <c>not allow to access from your ip, hint: [1655799424...], from ip: 101.43.12.7, more info at ...</c>.
/// </summary>
internal static class CallerIpParser
{
    private const string Marker = "invalid ip ";

    private const string WeComMarker = "from ip:";

    /// <summary>Returns the address after <c>invalid ip</c> (or <c>from ip:</c>), or <see langword="null"/> when the text holds no valid address there.</summary>
    /// <param name="errorMessage">The raw <c>errmsg</c>.</param>
    /// <returns>The address as sent, for example <c>114.221.21.30</c>.</returns>
    public static string? Parse(string? errorMessage)
    {
        if (errorMessage is null)
        {
            return null;
        }

        int marker = errorMessage.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        int start = marker + Marker.Length;
        if (marker < 0)
        {
            marker = errorMessage.IndexOf(WeComMarker, StringComparison.OrdinalIgnoreCase);
            if (marker < 0)
            {
                return null;
            }

            start = marker + WeComMarker.Length;
        }

        while (start < errorMessage.Length && errorMessage[start] == ' ')
        {
            start++;
        }

        int end = start;
        while (end < errorMessage.Length && errorMessage[end] is not (' ' or ',' or ';'))
        {
            end++;
        }

        string candidate = errorMessage.Substring(start, end - start);
        return candidate.Length > 0 && IPAddress.TryParse(candidate, out _) ? candidate : null;
    }
}
