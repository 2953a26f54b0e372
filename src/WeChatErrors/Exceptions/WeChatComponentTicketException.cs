using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when a third-party platform (第三方平台) cannot get its <c>component_access_token</c> for want of a valid
/// <c>component_verify_ticket</c>: none was handed in yet, or WeChat answered <c>61005</c> (ticket expired) or <c>61006</c>
/// (ticket invalid) to the latest one.
/// </summary>
/// <remarks>
/// <para>What to do: make sure the platform's authorization-event URL receives WeChat's pushes (about every 10 minutes), decrypts
/// them and hands each ticket to <see cref="IWeChatComponentTokenSource.SetComponentVerifyTicketAsync(string, string, CancellationToken)"/>.
/// When it is thrown, WeChat has already been asked to push a new ticket (<c>api_start_push_ticket</c>), unless
/// <see cref="PushRequested"/> says that request failed. The next call after a new ticket arrives succeeds; sending the same call
/// again before that does not help.</para>
/// <para>Security: the message and properties never hold the ticket or the platform's secret.</para>
/// </remarks>
public sealed class WeChatComponentTicketException : WeChatApiException
{
    internal new const string DefaultMessage = "The third-party platform has no valid component_verify_ticket.";

    /// <summary>Initializes a new instance of the <see cref="WeChatComponentTicketException"/> class.</summary>
    public WeChatComponentTicketException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatComponentTicketException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatComponentTicketException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatComponentTicketException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatComponentTicketException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ticket WeChat rejected: the exception carries WeChat's code (<c>61005</c>, <c>61006</c>).</summary>
    internal WeChatComponentTicketException(WeChatErrorDetails details, string componentAppId, bool pushRequested)
        : base(details, Note(componentAppId, pushRequested))
    {
        ComponentAppId = componentAppId;
        PushRequested = pushRequested;
    }

    /// <summary>No ticket was ever handed in: there is no WeChat code.</summary>
    internal WeChatComponentTicketException(string componentAppId, bool pushRequested)
        : base(DefaultMessage + " " + Note(componentAppId, pushRequested), null)
    {
        ComponentAppId = componentAppId;
        PushRequested = pushRequested;
    }

    /// <summary>Gets the AppID of the third-party platform, or <see langword="null"/> when the exception was created without one.</summary>
    public string? ComponentAppId { get; }

    /// <summary>Gets a value indicating whether WeChat was asked to push a new ticket (<c>api_start_push_ticket</c>) and accepted.</summary>
    public bool PushRequested { get; }

    private static string Note(string componentAppId, bool pushRequested) =>
        $"Third-party platform {componentAppId}: hand each component_verify_ticket WeChat pushes to SetComponentVerifyTicketAsync. " +
        (pushRequested
            ? "WeChat was asked to push a new one now (api_start_push_ticket)."
            : "Asking WeChat to push a new one (api_start_push_ticket) failed as well; check the platform's authorization-event URL.");
}
