namespace WeChatErrors.Retry.Internal;

/// <summary>
/// The WeCom (企业微信) endpoint table: per WeCom endpoint, whether a failed request may be sent again. It is read like
/// <see cref="ResendSafety"/> (a rule names a path relative to <c>https://qyapi.weixin.qq.com/</c> and matches the end of the
/// request path, ignoring case, a trailing slash and a prefix), and only for WeCom answers: WeChat's paths mean nothing here.
/// </summary>
internal static class WeComResendSafety
{
    /// <summary>The endpoint rules, first match wins. Every path not listed is <see cref="ResendPolicy.Safe"/>.</summary>
    internal static readonly IReadOnlyList<(string Path, ResendPolicy Policy, string Reason)> Rules =
    [
        // Messages to many people: an application message can name @all, departments and tags; a resend after an unclear
        // failure can deliver it to every recipient twice.
        ("cgi-bin/message/send", ResendPolicy.Broadcast, "application message to members, departments, tags or @all"),
        ("cgi-bin/appchat/send", ResendPolicy.Broadcast, "application message to a group chat"),
        ("cgi-bin/linkedcorp/message/send", ResendPolicy.Broadcast, "message to the members of linked corps"),
        ("cgi-bin/externalcontact/add_msg_template", ResendPolicy.Broadcast, "mass send to customers (企业群发)"),
        ("cgi-bin/externalcontact/add_moment_task", ResendPolicy.Broadcast, "a moment published for members' customers"),

        // One-time codes: the first attempt may have used the code even when it failed; the caller must get a new one.
        ("cgi-bin/auth/getuserinfo", ResendPolicy.Never, "OAuth code exchange (访问用户身份): the code is single-use"),
        ("cgi-bin/user/getuserinfo", ResendPolicy.Never, "OAuth code exchange, older path"),
        ("cgi-bin/miniprogram/jscode2session", ResendPolicy.Never, "WeCom mini-program login code exchange"),
        ("cgi-bin/service/auth/getuserinfo3rd", ResendPolicy.Never, "OAuth code exchange of a third-party application"),
        ("cgi-bin/service/getuserinfo3rd", ResendPolicy.Never, "OAuth code exchange of a third-party application, older path"),
        ("cgi-bin/service/get_login_info", ResendPolicy.Never, "login auth_code exchange"),
        ("cgi-bin/service/get_permanent_code", ResendPolicy.Never, "temporary authorization code exchange"),
        ("cgi-bin/service/v2/get_permanent_code", ResendPolicy.Never, "temporary authorization code exchange, v2"),
        ("cgi-bin/externalcontact/send_welcome_msg", ResendPolicy.Never, "welcome message: its welcome_code is single-use"),
        ("cgi-bin/kf/send_msg_on_event", ResendPolicy.Never, "customer-service event message: its event code is single-use"),

        // A message to one customer: a resend can deliver it twice.
        ("cgi-bin/kf/send_msg", ResendPolicy.OptIn, "WeChat customer-service (微信客服) message to one customer"),
    ];

    /// <summary>Returns how a request to <paramref name="requestUri"/> may be sent again.</summary>
    /// <param name="requestUri">The request URI, or <see langword="null"/>.</param>
    /// <returns>The policy of the first matching rule, or <see cref="ResendPolicy.Safe"/> when none matches.</returns>
    public static ResendPolicy Classify(Uri? requestUri) => ResendSafety.Classify(requestUri, Rules);
}
