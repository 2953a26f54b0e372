namespace WeChatErrors;

/// <summary>
/// What a caller does next when WeChat answers with an error code.
/// </summary>
/// <remarks>
/// Every code in the catalog carries one kind, chosen by hand from the documented meaning of the code.
/// Exception types and retry decisions are taken from the kind, never from the text of <c>errmsg</c>.
/// </remarks>
public enum WeChatErrorKind
{
    /// <summary>No specific advice: read the description and fix what it says. Also the kind of every code the catalog does not know.</summary>
    Other = 0,

    /// <summary>The call succeeded (<c>errcode</c> 0).</summary>
    Success,

    /// <summary>WeChat is busy or had an internal failure; the same request may succeed if sent again after a short wait.</summary>
    Transient,

    /// <summary>A per-minute (or shorter) frequency limit was hit; wait until the window passes, then send again.</summary>
    RateLimit,

    /// <summary>
    /// A call quota or allowance of a day or longer is used up (the daily quota of an API, a monthly allowance, a total allowance);
    /// stop calling until it resets, or reset it (<c>clear_quota</c>) or buy more where that is offered. Sending again only uses up more.
    /// </summary>
    /// <remarks>
    /// Monthly and other allowances share this kind with the daily quota because the caller's next step is the same, and so is
    /// the exception, <see cref="WeChatQuotaExceededException"/>.
    /// </remarks>
    DailyQuota,

    /// <summary>The access token is invalid, missing, expired or not the latest; get a current token and send again.</summary>
    AccessToken,

    /// <summary>The application is set up wrongly (AppID, AppSecret, domain, account binding); a person must change the configuration.</summary>
    Configuration,

    /// <summary>The caller's IP address is not in the account's API IP whitelist, or waits for the administrator's confirmation.</summary>
    IpNotWhitelisted,

    /// <summary>The account has no permission for this API or action (not authorized, not verified, wrong account type, banned).</summary>
    Permission,

    /// <summary>The request itself is wrong (missing or invalid parameters, bad format, content rejected); fix the request.</summary>
    InvalidRequest,

    /// <summary>The object the request names (media, user, template, article...) does not exist.</summary>
    NotFound,

    /// <summary>The recipient cannot receive this now (not a follower, outside the 48-hour window, refused or blocked messages).</summary>
    RecipientState,
}
