using System.Net;
using WeChatErrors.Detection;
using WeChatErrors.ErrorCodes.Internal;

namespace WeChatErrors.Exceptions.Internal;

/// <summary>
/// Creates the <see cref="WeChatApiException"/> for a WeChat error. The exception type comes from the code's
/// <see cref="WeChatErrorKind"/> through the one table in <see cref="CreateForKind(WeChatErrorDetails)"/>, never from <c>errmsg</c>.
/// An access-token code on a token endpoint (<c>cgi-bin/token</c>, <c>cgi-bin/stable_token</c>, <c>api_component_token</c>) is a
/// configuration error: <see cref="WeChatErrorDetails.Create"/> decides the kind from the request path. The product that answered
/// (<see cref="WeChatProduct"/>) picks the catalog the code is read from.
/// </summary>
internal static class WeChatExceptionFactory
{
    /// <summary>Creates the exception for an error body read by <see cref="WeChatErrorBody.Parse(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="body">A body whose <see cref="WeChatErrorBody.Status"/> is <see cref="WeChatErrorBodyStatus.Error"/>.</param>
    /// <param name="requestMethod">The HTTP method, or <see langword="null"/>.</param>
    /// <param name="requestUri">The request URI (redacted by the exception), or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/>.</param>
    /// <param name="attempts">How many times the request was sent.</param>
    /// <param name="timeProvider">The clock for <see cref="WeChatRateLimitException.RetryAfter"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggedQueryParameters">The query parameter names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <param name="product">The product whose API answered.</param>
    /// <returns>The exception, of the type that matches the code's kind.</returns>
    public static WeChatApiException Create(
        in WeChatErrorBody body,
        string? requestMethod = null,
        Uri? requestUri = null,
        HttpStatusCode? statusCode = null,
        int attempts = 1,
        TimeProvider? timeProvider = null,
        IReadOnlyCollection<string>? loggedQueryParameters = null,
        WeChatProduct product = WeChatProduct.WeChat) =>
        Create(body.RawErrorCode, body.RawErrorCodeText, body.ErrorMessage, requestMethod, requestUri, statusCode, attempts, timeProvider, loggedQueryParameters, product);

    /// <summary>Creates the exception for a WeChat error.</summary>
    /// <param name="rawErrorCode">The errcode, clamped to <see cref="long"/>.</param>
    /// <param name="rawErrorCodeText">The digits as sent when the errcode lies beyond <see cref="long"/>; otherwise <see langword="null"/>.</param>
    /// <param name="errorMessage">The raw errmsg (redacted by the exception), or <see langword="null"/>.</param>
    /// <param name="requestMethod">The HTTP method, or <see langword="null"/>.</param>
    /// <param name="requestUri">The request URI (redacted by the exception), or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/>.</param>
    /// <param name="attempts">How many times the request was sent.</param>
    /// <param name="timeProvider">The clock for <see cref="WeChatRateLimitException.RetryAfter"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggedQueryParameters">The query parameter names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <param name="product">The product whose API answered.</param>
    /// <returns>The exception, of the type that matches the code's kind.</returns>
    public static WeChatApiException Create(
        long rawErrorCode,
        string? rawErrorCodeText,
        string? errorMessage,
        string? requestMethod = null,
        Uri? requestUri = null,
        HttpStatusCode? statusCode = null,
        int attempts = 1,
        TimeProvider? timeProvider = null,
        IReadOnlyCollection<string>? loggedQueryParameters = null,
        WeChatProduct product = WeChatProduct.WeChat)
    {
        WeChatErrorDetails details = WeChatErrorDetails.Create(
            rawErrorCode,
            rawErrorCodeText,
            errorMessage,
            requestMethod,
            requestUri,
            statusCode,
            attempts,
            retryAfter: null,
            timeProvider ?? TimeProvider.System,
            loggedQueryParameters,
            product);
        return CreateForKind(details);
    }

    /// <summary>The one place that maps a kind to an exception type.</summary>
    /// <param name="details">The details; their <see cref="WeChatErrorDetails.Kind"/> picks the type.</param>
    /// <returns>The exception.</returns>
    internal static WeChatApiException CreateForKind(WeChatErrorDetails details) => details.Kind switch
    {
        WeChatErrorKind.AccessToken => new WeChatAccessTokenException(details),
        WeChatErrorKind.RateLimit => new WeChatRateLimitException(details),
        WeChatErrorKind.DailyQuota => new WeChatQuotaExceededException(details),
        WeChatErrorKind.Transient => new WeChatSystemBusyException(details),
        WeChatErrorKind.Configuration => new WeChatConfigurationException(details, IsTokenCodeOnTokenEndpoint(details) ? TokenEndpointNoteOf(details.Product) : null),
        WeChatErrorKind.IpNotWhitelisted => new WeChatIpNotWhitelistedException(details),
        WeChatErrorKind.Permission => new WeChatPermissionException(details),
        WeChatErrorKind.InvalidRequest => new WeChatInvalidRequestException(details),
        WeChatErrorKind.NotFound => new WeChatNotFoundException(details),
        WeChatErrorKind.RecipientState => new WeChatRecipientException(details),
        _ => new WeChatApiException(details),
    };

    /// <summary>The message line of a token code answered by a WeChat token endpoint.</summary>
    internal const string TokenEndpointNote = "The token endpoint rejected the credentials: check the AppID and AppSecret. Fetching again does not help.";

    /// <summary>The message line of a token code answered by a WeCom token endpoint (<c>gettoken</c>).</summary>
    internal const string WeComTokenEndpointNote = "The WeCom token endpoint rejected the credentials: check the corpid and the application's corpsecret. Fetching again does not help.";

    private static string TokenEndpointNoteOf(WeChatProduct product) => product == WeChatProduct.WeCom ? WeComTokenEndpointNote : TokenEndpointNote;

    private static bool IsTokenCodeOnTokenEndpoint(WeChatErrorDetails details) =>
        details.RawErrorCode == details.Code && ProductCatalog.Of(details.Product).GetKind(details.Code) == WeChatErrorKind.AccessToken;
}
