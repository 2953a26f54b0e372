using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when WeChat is busy or had an internal failure (kind <see cref="WeChatErrorKind.Transient"/>, for example -1).
/// </summary>
/// <remarks>The same request may succeed if sent again after a short wait, with backoff. After -1 from <c>sns/oauth2/access_token</c>, get a new OAuth code first: a code can be used only once.</remarks>
public sealed class WeChatSystemBusyException : WeChatApiException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "WeChat is busy; retry later.";

    /// <summary>Initializes a new instance of the <see cref="WeChatSystemBusyException"/> class.</summary>
    public WeChatSystemBusyException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatSystemBusyException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatSystemBusyException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatSystemBusyException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatSystemBusyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatSystemBusyException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatSystemBusyException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatSystemBusyException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatSystemBusyException(WeChatErrorDetails details)
        : base(details)
    {
    }
}
