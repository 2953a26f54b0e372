using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the access token is invalid, missing, expired or not the latest (kind <see cref="WeChatErrorKind.AccessToken"/>, for example 40001, 40014, 41001 or 42001).
/// </summary>
/// <remarks>Get a current token (prefer <c>getStableAccessToken</c>, which 40001 itself suggests) and send the request again, once. On the token endpoint itself, 40001 means a wrong AppSecret, and sending again does not help.</remarks>
public sealed class WeChatAccessTokenException : WeChatApiException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "The WeChat access token is invalid, missing or expired.";

    /// <summary>Initializes a new instance of the <see cref="WeChatAccessTokenException"/> class.</summary>
    public WeChatAccessTokenException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatAccessTokenException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatAccessTokenException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatAccessTokenException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatAccessTokenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatAccessTokenException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatAccessTokenException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatAccessTokenException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatAccessTokenException(WeChatErrorDetails details)
        : base(details)
    {
    }
}
