using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when a per-minute frequency limit was hit (kind <see cref="WeChatErrorKind.RateLimit"/>, for example 45011).
/// </summary>
/// <remarks>The limit is per minute: send the request again after <see cref="RetryAfter"/>.</remarks>
public sealed class WeChatRateLimitException : WeChatApiException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "A WeChat API frequency limit was hit; retry in the next minute.";

    /// <summary>Initializes a new instance of the <see cref="WeChatRateLimitException"/> class.</summary>
    public WeChatRateLimitException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRateLimitException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatRateLimitException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRateLimitException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRateLimitException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    /// <param name="retryAfter">How long to wait before sending the request again, or <see langword="null"/>.</param>
    public WeChatRateLimitException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode, retryAfter: retryAfter))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatRateLimitException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatRateLimitException(WeChatErrorDetails details)
        : base(details)
    {
    }

    /// <summary>Gets how long to wait before sending the request again.</summary>
    /// <value>The time until the next minute starts, when the exception was created from a WeChat answer; otherwise the value given to the constructor, or <see langword="null"/>.</value>
    public TimeSpan? RetryAfter => Details.RetryAfter;
}
