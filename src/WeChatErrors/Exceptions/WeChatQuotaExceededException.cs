using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the daily call quota of an API is used up (kind <see cref="WeChatErrorKind.DailyQuota"/>, for example 45009).
/// </summary>
/// <remarks>Never retried: sending again the same day fails again. An account can reset its quotas with <c>clear_quota</c> (<c>POST https://api.weixin.qq.com/cgi-bin/clear_quota</c>), 10 times a month; <c>get_api_quota</c> shows the limit and current usage.</remarks>
public sealed class WeChatQuotaExceededException : WeChatApiException
{
    /// <summary>The message of an exception created without one, and the advice line of every message.</summary>
    internal new const string DefaultMessage = "The daily quota of this WeChat API is used up; the call is not retried. Reset it with clear_quota (POST https://api.weixin.qq.com/cgi-bin/clear_quota, 10 resets a month) or check usage with get_api_quota.";

    /// <summary>Initializes a new instance of the <see cref="WeChatQuotaExceededException"/> class.</summary>
    public WeChatQuotaExceededException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatQuotaExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatQuotaExceededException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatQuotaExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatQuotaExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatQuotaExceededException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatQuotaExceededException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatQuotaExceededException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatQuotaExceededException(WeChatErrorDetails details)
        : base(details, DefaultMessage)
    {
    }
}
