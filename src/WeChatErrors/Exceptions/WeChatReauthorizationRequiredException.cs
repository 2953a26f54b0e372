using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when a third-party platform can no longer get the <c>authorizer_access_token</c> of an account: the
/// account revoked its authorization or never gave it (<c>61003</c>), or its refresh token is invalid (<c>61023</c>) and WeChat
/// returned no other one.
/// </summary>
/// <remarks>
/// <para>What to do: stop calling on behalf of this account and ask its administrator to authorize the platform again (the
/// authorization page or link); the new authorization's code goes to
/// <see cref="IWeChatAuthorizerTokenSource.CompleteAuthorizationAsync(string, string, CancellationToken)"/>. Sending the call again
/// does not help, so it is never retried, and the account's token is not refreshed again for a minute (the same exception is
/// thrown at once meanwhile), or until a new authorization or refresh token is handed to this instance.</para>
/// <para>Security: the message and properties never hold a token or refresh token.</para>
/// </remarks>
public sealed class WeChatReauthorizationRequiredException : WeChatApiException
{
    internal new const string DefaultMessage = "The account must authorize the third-party platform again.";

    /// <summary>Initializes a new instance of the <see cref="WeChatReauthorizationRequiredException"/> class.</summary>
    public WeChatReauthorizationRequiredException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatReauthorizationRequiredException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatReauthorizationRequiredException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatReauthorizationRequiredException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatReauthorizationRequiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>WeChat answered <c>61003</c> or <c>61023</c>: the exception carries that code.</summary>
    internal WeChatReauthorizationRequiredException(WeChatErrorDetails details, string componentAppId, string authorizerAppId)
        : base(details, Note(details.RawErrorCode, componentAppId, authorizerAppId))
    {
        ComponentAppId = componentAppId;
        AuthorizerAppId = authorizerAppId;
    }

    /// <summary>No refresh token is known for the account, and WeChat returned none.</summary>
    internal WeChatReauthorizationRequiredException(string componentAppId, string authorizerAppId)
        : base($"{DefaultMessage} No authorizer_refresh_token is stored for account {authorizerAppId} of platform {componentAppId}, and api_get_authorizer_info returned none.", null)
    {
        ComponentAppId = componentAppId;
        AuthorizerAppId = authorizerAppId;
    }

    /// <summary>Gets the AppID of the third-party platform, or <see langword="null"/> when the exception was created without one.</summary>
    public string? ComponentAppId { get; }

    /// <summary>Gets the AppID of the account (authorizer), or <see langword="null"/> when the exception was created without one.</summary>
    public string? AuthorizerAppId { get; }

    /// <summary>Returns a new exception that says the same, for a later call of the same account.</summary>
    internal WeChatReauthorizationRequiredException Again() =>
        RawErrorCode == 0 ? new(ComponentAppId!, AuthorizerAppId!) : new(Details, ComponentAppId!, AuthorizerAppId!);

    private static string Note(long code, string componentAppId, string authorizerAppId) => code == 61003
        ? $"Account {authorizerAppId} has not authorized platform {componentAppId}, or revoked it: its token is not refreshed again for a minute, or until a new authorization is completed."
        : $"The refresh token of account {authorizerAppId} (platform {componentAppId}) is invalid, and api_get_authorizer_info returned no other one: the account must authorize the platform again.";
}
