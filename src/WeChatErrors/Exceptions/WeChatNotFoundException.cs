using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the object the request names (media, user, template, article...) does not exist (kind <see cref="WeChatErrorKind.NotFound"/>).
/// </summary>
/// <remarks>Derives from <see cref="WeChatInvalidRequestException"/>: a missing object is a kind of invalid request.</remarks>
public sealed class WeChatNotFoundException : WeChatInvalidRequestException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "The object named in the WeChat API request does not exist.";

    /// <summary>Initializes a new instance of the <see cref="WeChatNotFoundException"/> class.</summary>
    public WeChatNotFoundException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatNotFoundException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatNotFoundException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatNotFoundException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatNotFoundException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatNotFoundException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatNotFoundException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatNotFoundException(WeChatErrorDetails details)
        : base(details)
    {
    }
}
