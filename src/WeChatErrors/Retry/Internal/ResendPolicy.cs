namespace WeChatErrors.Retry.Internal;

/// <summary>Whether a request to a WeChat endpoint may be sent again after a failure that a later attempt could fix.</summary>
internal enum ResendPolicy
{
    /// <summary>A resend cannot do anything twice that the caller did not ask for once; retry as the kind says.</summary>
    Safe = 0,

    /// <summary>
    /// A resend can do a visible thing twice for a few people (a message to one user, a public article without a push);
    /// retry a transient failure only when the caller opts in.
    /// </summary>
    OptIn,

    /// <summary>
    /// A resend can deliver to many users twice: never resent after a transient failure, even on opt-in. A per-minute limit
    /// (<c>45011</c>) refused the call before it ran, so it is still waited out and retried.
    /// </summary>
    Broadcast,

    /// <summary>A resend cannot succeed (a one-time code the first attempt may have used); never resend, whatever the error.</summary>
    Never,
}
