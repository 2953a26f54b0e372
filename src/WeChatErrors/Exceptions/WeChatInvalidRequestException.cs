using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the request itself is wrong: missing or invalid parameters, bad format or rejected content (kind <see cref="WeChatErrorKind.InvalidRequest"/>).
/// </summary>
/// <remarks>Fix the request; sending it unchanged fails again.</remarks>
public class WeChatInvalidRequestException : WeChatApiException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "The WeChat API rejected the request as invalid.";

    /// <summary>Initializes a new instance of the <see cref="WeChatInvalidRequestException"/> class.</summary>
    public WeChatInvalidRequestException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatInvalidRequestException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatInvalidRequestException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatInvalidRequestException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatInvalidRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatInvalidRequestException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatInvalidRequestException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatInvalidRequestException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    /// <param name="note">An extra line for the message, or <see langword="null"/>.</param>
    internal WeChatInvalidRequestException(WeChatErrorDetails details, string? note = null)
        : base(details, note)
    {
    }
}
