using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when the caller's IP address is not in the account's API IP whitelist (kind <see cref="WeChatErrorKind.IpNotWhitelisted"/>, for example 40164).
/// </summary>
/// <remarks>Add <see cref="CallerIp"/> to the IP whitelist in the WeChat developer platform, or have the administrator confirm it.</remarks>
public sealed class WeChatIpNotWhitelistedException : WeChatConfigurationException
{
    /// <summary>The message of an exception created without one.</summary>
    internal new const string DefaultMessage = "The caller's IP address is not in the WeChat API IP whitelist.";

    /// <summary>Initializes a new instance of the <see cref="WeChatIpNotWhitelistedException"/> class.</summary>
    public WeChatIpNotWhitelistedException()
        : base(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatIpNotWhitelistedException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatIpNotWhitelistedException(string message)
        : base(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatIpNotWhitelistedException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatIpNotWhitelistedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatIpNotWhitelistedException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatIpNotWhitelistedException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatIpNotWhitelistedException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    internal WeChatIpNotWhitelistedException(WeChatErrorDetails details)
        : base(details)
    {
    }

    /// <summary>Gets the caller's IP address as WeChat saw it, read from <c>errmsg</c> (<c>invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist</c>).</summary>
    /// <value>The IPv4 or IPv6 address after <c>invalid ip</c>, or <see langword="null"/> when <c>errmsg</c> holds none.</value>
    public string? CallerIp => Details.CallerIp;
}
