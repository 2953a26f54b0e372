using System.Globalization;
using System.Net;
using System.Text;
using WeChatErrors.Detection;
using WeChatErrors.ErrorCodes.Internal;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Redaction;

namespace WeChatErrors.Exceptions.Internal;

/// <summary>
/// Everything a <see cref="WeChatApiException"/> reports, already redacted and capped, built once per error.
/// </summary>
internal sealed class WeChatErrorDetails
{
    /// <summary>The most <c>errmsg</c> characters kept.</summary>
    public const int MaxErrorMessageLength = 1024;

    private const int RedactionWindow = 16 * MaxErrorMessageLength;

    private WeChatErrorDetails(
        WeChatProduct product,
        int code,
        long rawErrorCode,
        string? rawErrorCodeText,
        WeChatErrorKind kind,
        bool isTransient,
        string description,
        string? errorMessage,
        string? requestId,
        string? requestMethod,
        string? requestUri,
        HttpStatusCode? statusCode,
        int attempts,
        string? callerIp,
        TimeSpan? retryAfter)
    {
        Product = product;
        Code = code;
        RawErrorCode = rawErrorCode;
        RawErrorCodeText = rawErrorCodeText;
        Kind = kind;
        IsTransient = isTransient;
        Description = description;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        RequestMethod = requestMethod;
        RequestUri = requestUri;
        StatusCode = statusCode;
        Attempts = attempts;
        CallerIp = callerIp;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the details of an exception created from a message alone: no code, kind <see cref="WeChatErrorKind.Other"/>.</summary>
    public static WeChatErrorDetails None { get; } = new(WeChatProduct.WeChat, 0, 0, null, WeChatErrorKind.Other, false, string.Empty, null, null, null, null, null, 1, null, null);

    /// <summary>Gets the code space of <see cref="Code"/>: the product whose API answered.</summary>
    public WeChatProduct Product { get; }

    /// <summary>Gets the errcode clamped to <see cref="int"/>, in the code space of <see cref="Product"/>.</summary>
    public int Code { get; }

    /// <summary>Gets the WeChat code, or <see langword="null"/> when a WeCom API answered.</summary>
    public WeChatErrorCode? ErrorCode => Product == WeChatProduct.WeChat ? (WeChatErrorCode)Code : null;

    /// <summary>Gets the WeCom code, or <see langword="null"/> when a WeChat API answered.</summary>
    public WeComErrorCode? WeComErrorCode => Product == WeChatProduct.WeCom ? (WeComErrorCode)Code : null;

    public long RawErrorCode { get; }

    /// <summary>Gets the digits as sent when the code lies beyond <see cref="long"/>; otherwise <see langword="null"/>.</summary>
    public string? RawErrorCodeText { get; }

    public WeChatErrorKind Kind { get; }

    public bool IsTransient { get; }

    public string Description { get; }

    public string? ErrorMessage { get; }

    public string? RequestId { get; }

    public string? RequestMethod { get; }

    public string? RequestUri { get; }

    public HttpStatusCode? StatusCode { get; }

    public int Attempts { get; }

    public string? CallerIp { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Builds the details of one WeChat error; every text that could hold a secret is redacted here.</summary>
    /// <param name="rawErrorCode">The errcode, clamped to <see cref="long"/>.</param>
    /// <param name="rawErrorCodeText">The digits as sent when the errcode lies beyond <see cref="long"/>; otherwise <see langword="null"/>.</param>
    /// <param name="errorMessage">The raw errmsg.</param>
    /// <param name="requestMethod">The HTTP method, or <see langword="null"/>.</param>
    /// <param name="requestUri">The request URI (redacted here), or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/>.</param>
    /// <param name="attempts">How many times the request was sent.</param>
    /// <param name="retryAfter">The wait before the next attempt, for rate limits; when <see langword="null"/>, computed from <paramref name="timeProvider"/>.</param>
    /// <param name="timeProvider">The clock for <see cref="RetryAfter"/> of a rate limit; <see langword="null"/> leaves it as given.</param>
    /// <param name="loggedQueryParameters">The query parameter names whose values may be shown; <see langword="null"/> for the defaults.</param>
    /// <param name="product">The product whose API answered: it picks the catalog the code is read from.</param>
    /// <returns>The details.</returns>
    public static WeChatErrorDetails Create(
        long rawErrorCode,
        string? rawErrorCodeText,
        string? errorMessage,
        string? requestMethod,
        Uri? requestUri,
        HttpStatusCode? statusCode,
        int attempts = 1,
        TimeSpan? retryAfter = null,
        TimeProvider? timeProvider = null,
        IReadOnlyCollection<string>? loggedQueryParameters = null,
        WeChatProduct product = WeChatProduct.WeChat)
    {
        int code = WeChatErrorBody.ClampToInt32(rawErrorCode);
        bool beyondInt32 = code != rawErrorCode || rawErrorCodeText is not null;
        var catalog = ProductCatalog.Of(product);
        WeChatErrorKind kind = beyondInt32 ? WeChatErrorKind.Other : catalog.GetKind(code);
        if (kind == WeChatErrorKind.AccessToken && catalog.IsTokenEndpoint(requestUri))
        {
            // On the endpoints that issue tokens, 40001 (WeChat) means a wrong AppSecret: a new token cannot fix it.
            kind = WeChatErrorKind.Configuration;
        }

        string description = beyondInt32
            ? catalog.UnknownCodeText + (rawErrorCodeText ?? rawErrorCode.ToString(CultureInfo.InvariantCulture))
            : catalog.GetDescription(code, CultureInfo.CurrentUICulture);

        return new WeChatErrorDetails(
            product,
            code,
            rawErrorCode,
            rawErrorCodeText,
            kind,
            !beyondInt32 && catalog.IsTransient(code),
            description,
            CleanErrorMessage(errorMessage),
            RequestIdParser.Parse(errorMessage),
            requestMethod,
            requestUri is null ? null : UriRedactor.Redact(requestUri, loggedQueryParameters),
            statusCode,
            Math.Max(attempts, 1),
            kind == WeChatErrorKind.IpNotWhitelisted ? CallerIpParser.Parse(errorMessage) : null,
            // WeChat counts its limits per clock minute; a WeCom limit's window is not in the body, so its wait is not known.
            kind == WeChatErrorKind.RateLimit && product == WeChatProduct.WeChat && retryAfter is null && timeProvider is not null ? MinuteWindow.UntilNext(timeProvider.GetUtcNow()) : retryAfter);
    }

    /// <summary>Redacts secret values in an errmsg and caps its length.</summary>
    /// <param name="errorMessage">The raw errmsg.</param>
    /// <returns>The cleaned errmsg, or <see langword="null"/>.</returns>
    public static string? CleanErrorMessage(string? errorMessage)
    {
        if (errorMessage is null)
        {
            return null;
        }

        // Redact before the final cap, so a cut can never expose the start of a secret. The first cut only bounds the
        // work on a huge errmsg; it lies far beyond the kept part, and a value it splits is still hidden to its end.
        string window = errorMessage.Length > RedactionWindow ? errorMessage.Substring(0, RedactionWindow) : errorMessage;
        string redacted = TextRedactor.Redact(window);
        if (redacted.Length <= MaxErrorMessageLength)
        {
            return redacted;
        }

        int length = MaxErrorMessageLength;
        if (char.IsHighSurrogate(redacted[length - 1]))
        {
            length--;
        }

        return redacted.Substring(0, length) + "…";
    }

    /// <summary>Writes the multi-line exception message.</summary>
    /// <param name="note">An extra line after the description (for example how to reset the daily quota), or <see langword="null"/>.</param>
    /// <returns>The message.</returns>
    public string FormatMessage(string? note = null)
    {
        var builder = new StringBuilder(160 + Description.Length + (ErrorMessage?.Length ?? 0) + (RequestUri?.Length ?? 0) + (note?.Length ?? 0));
        builder.Append(Description);
        if (note is not null)
        {
            builder.AppendLine().Append(note);
        }

        builder.AppendLine().Append("ErrCode: ");
        if (RawErrorCodeText is not null)
        {
            builder.Append(RawErrorCodeText);
        }
        else
        {
            builder.Append(RawErrorCode.ToString(CultureInfo.InvariantCulture));
            if (RawErrorCode == Code && ProductCatalog.Of(Product).TryGetName(Code, out string? name))
            {
                builder.Append(" (").Append(name).Append(')');
            }
        }

        if (ErrorMessage is not null)
        {
            // One line per field: a line break inside errmsg must not forge the lines that follow.
            builder.AppendLine().Append("ErrMsg: ").Append(ErrorMessage.Replace('\r', ' ').Replace('\n', ' '));
        }

        if (RequestId is not null)
        {
            builder.AppendLine().Append("RequestId: ").Append(RequestId);
        }

        if (RequestUri is not null || RequestMethod is not null)
        {
            builder.AppendLine().Append("Request:");
            if (RequestMethod is not null)
            {
                builder.Append(' ').Append(RequestMethod);
            }

            if (RequestUri is not null)
            {
                builder.Append(' ').Append(RequestUri);
            }
        }

        if (StatusCode is { } status)
        {
            builder.AppendLine().Append("Status: ").Append(((int)status).ToString(CultureInfo.InvariantCulture));
        }

        if (RetryAfter is { } retryAfter)
        {
            builder.AppendLine().Append("RetryAfter: ").Append(retryAfter.ToString("c", CultureInfo.InvariantCulture));
        }

        if (Attempts > 1)
        {
            builder.AppendLine().Append("Attempts: ").Append(Attempts.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
