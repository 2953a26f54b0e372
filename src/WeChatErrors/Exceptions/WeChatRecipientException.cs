using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the recipient cannot receive this now: not a follower, outside the 48-hour window, or refusing messages (kind <see cref="WeChatErrorKind.RecipientState"/>).
/// </summary>
/// <remarks>Do not retry: the recipient's state must change first.</remarks>
public sealed class WeChatRecipientException : WeChatApiException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "The WeChat recipient cannot receive this message now.";

    /// <summary>Initializes a new instance of the <see cref="WeChatRecipientException"/> class.</summary>
    public WeChatRecipientException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRecipientException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatRecipientException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRecipientException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatRecipientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRecipientException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatRecipientException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRecipientException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatRecipientException(WeChatErrorDetails details)
        : base(details)
    {
    }
}
