namespace WeChatErrors.Retry.Internal;

/// <summary>
/// The one table that says, per WeChat endpoint, whether a failed request may be sent again, and which error codes are
/// limits that exist to stop a duplicate delivery. The handler and the retry policy read it; nothing else decides this.
/// </summary>
/// <remarks>
/// A rule names a path relative to <c>https://api.weixin.qq.com/</c>. It matches the end of the request path, ignoring case,
/// a trailing slash and any path prefix in front of it (a proxy's), the way the token endpoints are matched. A rule whose path
/// ends with <c>/</c> names a family: it matches every path that continues after it.
/// </remarks>
internal static class ResendSafety
{
    /// <summary>The endpoint rules, first match wins. Every path not listed is <see cref="ResendPolicy.Safe"/>.</summary>
    internal static readonly IReadOnlyList<(string Path, ResendPolicy Policy, string Reason)> Rules =
    [
        // Mass and broadcast sends: a resend after an unclear failure can deliver the message to every recipient twice
        // (268488001 "system busy" was seen from sendall). Preview also sends a real message, and the family's other
        // calls (get, delete, speed) are rare enough that one rule for the whole family is the safer reading.
        ("cgi-bin/message/mass/", ResendPolicy.Broadcast, "mass send: delivers to many users"),
        ("cgi-bin/guide/addguidemassendjob", ResendPolicy.Broadcast, "shopping-guide mass-send task: delivers to a list of customers"),

        // One-time codes: the first attempt may have used the code even when it failed (-1 on sns/oauth2/access_token
        // followed by 40163 "code been used"), so a resend cannot succeed; the caller must get a new code.
        ("sns/oauth2/access_token", ResendPolicy.Never, "OAuth code exchange: the code is used up by the first attempt"),
        ("sns/oauth2/component/access_token", ResendPolicy.Never, "OAuth code exchange for a third-party platform"),
        ("sns/jscode2session", ResendPolicy.Never, "mini-program login code exchange (code2Session)"),
        ("sns/component/jscode2session", ResendPolicy.Never, "mini-program login code exchange for a third-party platform"),
        ("wxa/business/getuserphonenumber", ResendPolicy.Never, "phone-number code exchange: the code is single-use"),
        ("cgi-bin/component/api_query_auth", ResendPolicy.Never, "authorization-code exchange of a third-party platform"),

        // Messages to one user: a resend can deliver the same message to that user twice.
        ("cgi-bin/message/custom/send", ResendPolicy.OptIn, "customer-service message to one user"),
        ("cgi-bin/message/template/send", ResendPolicy.OptIn, "template message to one user"),
        ("cgi-bin/message/template/subscribe", ResendPolicy.OptIn, "one-time subscription message to one user"),
        ("cgi-bin/message/subscribe/send", ResendPolicy.OptIn, "mini-program subscription message to one user"),
        ("cgi-bin/message/subscribe/bizsend", ResendPolicy.OptIn, "Official Account subscription notice to one user"),
        ("cgi-bin/message/wxopen/template/uniform_send", ResendPolicy.OptIn, "uniform service message to one user"),

        // Publishing a draft pushes nothing to followers, but the article becomes public: a resend can publish it twice.
        ("cgi-bin/freepublish/submit", ResendPolicy.OptIn, "publishes a draft publicly (no push to followers)"),
    ];

    /// <summary>
    /// The codes of limits that exist to stop a duplicate delivery: resending after one of them completes the duplicate the
    /// limit refused, so the handler never resends on them automatically, whatever their kind.
    /// </summary>
    private static readonly HashSet<int> DuplicateGuardCodes =
    [
        42010, // 相同 media_id 群发过快，请重试: the same media_id mass-sent too fast
        45065, // 相同 clientmsgid 已存在群发记录: a mass send with this clientmsgid exists
        45066, // 相同 clientmsgid 重试速度过快，请间隔1分钟重试: the same clientmsgid retried too fast
        45067, // clientmsgid 长度超过限制: the dedup key itself is too long
        72018, // 订单号重复，发票已插入给用户: the invoice was already inserted for this order
        72056, // order_id 重复: the same invoice order inserted again
        9402005, // 发送消息过快: send msg too quick (message push, no stated window)
        9402006, // 向单个用户发送过快: send to single user too quick
        9402007, // 向全部用户发送过快: send to all user too quick
    ];

    /// <summary>Gets the codes of the limits that exist to stop a duplicate delivery (see <see cref="IsDuplicateGuard(int)"/>).</summary>
    internal static IReadOnlyCollection<int> DuplicateGuards => DuplicateGuardCodes;

    /// <summary>Returns how a request to <paramref name="requestUri"/> may be sent again.</summary>
    /// <param name="requestUri">The request URI, or <see langword="null"/>.</param>
    /// <returns>The policy of the first matching rule, or <see cref="ResendPolicy.Safe"/> when none matches.</returns>
    public static ResendPolicy Classify(Uri? requestUri) => Classify(requestUri, Rules);

    /// <summary>Returns how a request to <paramref name="requestUri"/> may be sent again, after <paramref name="rules"/> (first match wins).</summary>
    internal static ResendPolicy Classify(Uri? requestUri, IReadOnlyList<(string Path, ResendPolicy Policy, string Reason)> rules)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri)
        {
            return ResendPolicy.Safe;
        }

        var path = requestUri.AbsolutePath.TrimEnd('/');
        foreach (var (rulePath, policy, _) in rules)
        {
            if (Matches(path, rulePath))
            {
                return policy;
            }
        }

        return ResendPolicy.Safe;
    }

    /// <summary>Returns whether <paramref name="code"/> is a limit that exists to stop a duplicate delivery.</summary>
    /// <param name="code">The <c>errcode</c>.</param>
    /// <returns><see langword="true"/> for a duplicate guard.</returns>
    public static bool IsDuplicateGuard(int code) => DuplicateGuardCodes.Contains(code);

    private static bool Matches(string path, string rulePath)
    {
        if (rulePath.EndsWith("/", StringComparison.Ordinal))
        {
            // A family: the path continues after "/<rule>", at the start or behind a prefix.
            var family = "/" + rulePath;
            var at = path.IndexOf(family, StringComparison.OrdinalIgnoreCase);
            return at >= 0 && path.Length > at + family.Length;
        }

        return path.EndsWith("/" + rulePath, StringComparison.OrdinalIgnoreCase);
    }
}
