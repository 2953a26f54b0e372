using System.Net;
using WeChatErrors.Exceptions.Internal;
using WeChatErrors.Shared.Redaction;

namespace WeChatErrors;

/// <summary>
/// The exception thrown when a WeChat or WeCom (企业微信) API call answers with a non-zero <c>errcode</c>. The root of every error type.
/// </summary>
/// <remarks>
/// <para>WeChat reports most failures with HTTP 200 and a JSON body such as
/// <c>{"errcode":40001,"errmsg":"invalid credential ... rid: 60882f1f-676dc618-710dc5ca"}</c>.
/// Catch a derived type (<see cref="WeChatAccessTokenException"/>, <see cref="WeChatRateLimitException"/>,
/// <see cref="WeChatSystemBusyException"/>...) to handle a situation, or this type and <see cref="ErrorCode"/> for anything else.
/// The type is chosen from <see cref="Kind"/>, never from the text of <c>errmsg</c>.</para>
/// <para>WeChat and WeCom share the exception types and the kinds, so <c>catch (WeChatRateLimitException)</c> catches both
/// products; the code is read from the catalog of the product that answered (<see cref="Product"/>): <see cref="ErrorCode"/> for
/// WeChat, <see cref="WeComErrorCode"/> for WeCom, and the other one is <see langword="null"/>.</para>
/// <para>The message, <see cref="Exception.ToString"/>, <see cref="Exception.Data"/> and every property are free of
/// access tokens, AppSecrets, OAuth codes and refresh tokens: URLs and <c>errmsg</c> are redacted when the exception is created.
/// The exception never keeps the <see cref="HttpRequestMessage"/> or <see cref="HttpResponseMessage"/>.</para>
/// </remarks>
// No serialization constructor: BinaryFormatter serialization of exceptions is obsolete (SYSLIB0051), and a
// deserialized instance would bypass the redaction done here.
public partial class WeChatApiException : Exception
{
    /// <summary>The message of an exception created without one.</summary>
    internal const string DefaultMessage = "The WeChat API call failed.";

    private readonly string? _note;

    /// <summary>The message given to a constructor, else the one built from <see cref="Details"/> when first read.</summary>
    private string? _message;

    /// <summary>Initializes a new instance of the <see cref="WeChatApiException"/> class.</summary>
    public WeChatApiException()
        : this(DefaultMessage, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatApiException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    public WeChatApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatApiException"/> class.</summary>
    /// <param name="message">The message that describes the error. Secret <c>name=value</c> pairs in it are redacted.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public WeChatApiException(string message, Exception? innerException)
        : base(TextRedactor.Redact(message ?? DefaultMessage), innerException)
    {
        Details = WeChatErrorDetails.None;
        _message = base.Message;
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatApiException"/> class.</summary>
    /// <param name="errorCode">The <c>errcode</c> WeChat returned.</param>
    /// <param name="errorMessage">The <c>errmsg</c> WeChat returned, or <see langword="null"/>. Secret values in it are redacted.</param>
    /// <param name="requestMethod">The HTTP method of the failed request, or <see langword="null"/>.</param>
    /// <param name="requestUri">The URI of the failed request, or <see langword="null"/>. It is redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/>.</param>
    public WeChatApiException(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod = null, Uri? requestUri = null, HttpStatusCode? statusCode = null)
        : this(WeChatErrorDetails.Create((int)errorCode, null, errorMessage, requestMethod?.Method, requestUri, statusCode))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WeChatApiException"/> class from details built by the factory.</summary>
    /// <param name="details">The redacted details.</param>
    /// <param name="note">An extra line for the message, or <see langword="null"/>.</param>
    internal WeChatApiException(WeChatErrorDetails details, string? note = null)
        : base(message: null)
    {
        Details = details;
        _note = note;
    }

    /// <summary>
    /// Gets the message: the description, the code, the redacted <c>errmsg</c>, the request id and the redacted request,
    /// one per line. It is built when first read, since most callers read the properties instead.
    /// </summary>
    public override string Message => _message ??= Details.FormatMessage(_note);

    /// <summary>Gets the <c>errcode</c> WeChat returned, as a <see cref="WeChatErrorCode"/>.</summary>
    /// <value>
    /// <see langword="null"/> when a WeCom API answered (<see cref="Product"/> is <see cref="WeChatProduct.WeCom"/>): WeCom numbers are
    /// another code space, read them from <see cref="WeComErrorCode"/>, so that a WeCom code never shows a WeChat name.
    /// A code the catalog does not know keeps its raw value. A code beyond the <see cref="int"/> range is clamped to
    /// <see cref="int.MinValue"/> or <see cref="int.MaxValue"/> (never wrapped); <see cref="RawErrorCode"/> keeps it.
    /// 0 (<see cref="WeChatErrorCode.Success"/>) only when the exception was created from a message alone.
    /// </value>
    public WeChatErrorCode? ErrorCode => Details.ErrorCode;

    /// <summary>Gets the <c>errcode</c> WeCom (企业微信) returned, as a <see cref="WeChatErrors.WeComErrorCode"/>.</summary>
    /// <value>
    /// <see langword="null"/> unless a WeCom API answered (<see cref="Product"/> is <see cref="WeChatProduct.WeCom"/>). Unknown and
    /// out-of-range codes are kept as for <see cref="ErrorCode"/>.
    /// </value>
    public WeComErrorCode? WeComErrorCode => Details.WeComErrorCode;

    /// <summary>Gets the product whose API answered, and so the code space of the <c>errcode</c>.</summary>
    /// <value>
    /// <see cref="WeChatProduct.WeCom"/> for a response of a WeCom host (<c>qyapi.weixin.qq.com</c>, and the
    /// <see cref="WeChatErrorHandlingOptions.WeComHosts"/> of the client), or a body read with
    /// <see cref="ThrowIfError(ReadOnlySpan{byte}, WeChatProduct)"/>; otherwise <see cref="WeChatProduct.WeChat"/>.
    /// <see cref="Kind"/>, <see cref="Description"/> and <see cref="IsTransient"/> come from that product's catalog.
    /// </value>
    public WeChatProduct Product => Details.Product;

    /// <summary>Gets the <c>errcode</c> exactly as WeChat or WeCom sent it.</summary>
    /// <value>
    /// Equal to <c>(int)</c><see cref="ErrorCode"/> (or <see cref="WeComErrorCode"/>) when it fits in an <see cref="int"/>. A code beyond the <see cref="long"/> range is
    /// clamped to <see cref="long.MinValue"/> or <see cref="long.MaxValue"/>; the message still shows its digits as sent.
    /// </value>
    public long RawErrorCode => Details.RawErrorCode;

    /// <summary>Gets what a caller does next, from <see cref="WeChatErrorCodes.GetKind(int)"/> (or <see cref="WeComErrorCodes.GetKind(int)"/> for WeCom).</summary>
    /// <value><see cref="WeChatErrorKind.Other"/> for unknown codes and for exceptions created from a message alone.</value>
    public WeChatErrorKind Kind => Details.Kind;

    /// <summary>Gets the catalog description of the code (WeChat's or WeCom's, after <see cref="Product"/>), in the current UI culture when the exception was created.</summary>
    /// <value>Chinese for Chinese UI cultures, English otherwise; empty when the exception was created from a message alone.</value>
    public string Description => Details.Description;

    /// <summary>Gets a value indicating whether sending the same request again later may succeed (<see cref="WeChatErrorCodes.IsTransient(int)"/>, or <see cref="WeComErrorCodes.IsTransient(int)"/> for WeCom).</summary>
    public bool IsTransient => Details.IsTransient;

    /// <summary>Gets the <c>errmsg</c> WeChat returned.</summary>
    /// <value>The text as sent, capped at 1,024 characters, or <see langword="null"/> when the body had none.</value>
    /// <remarks>
    /// Security: <c>errmsg</c> can quote the request URL. The values of credential parameters in it
    /// (<c>access_token</c>, <c>secret</c>, <c>code</c>, <c>refresh_token</c>, <c>ticket</c>...) are replaced by <c>REDACTED</c>.
    /// </remarks>
    public string? ErrorMessage => Details.ErrorMessage;

    /// <summary>Gets the request id WeChat appended to <c>errmsg</c>, to quote when asking WeChat for help.</summary>
    /// <value>
    /// The trailing <c>rid</c> (for example <c>60882f1f-676dc618-710dc5ca</c>, whose first group is the request time in hex),
    /// else the token of an older <c>hint: [...]</c> or <c>hints: [ req_id: ... ]</c>, exactly as sent; otherwise <see langword="null"/>.
    /// </value>
    public string? RequestId => Details.RequestId;

    /// <summary>Gets the HTTP method of the failed request, for example <c>GET</c>.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public string? RequestMethod => Details.RequestMethod;

    /// <summary>Gets the URI of the failed request, redacted.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    /// <remarks>
    /// Security: WeChat carries <c>access_token</c> (and for some calls <c>secret</c> or <c>code</c>) in the query string.
    /// User information and the fragment are dropped, and every query value is replaced by <c>REDACTED</c> unless its name is a
    /// harmless one such as <c>grant_type</c>, <c>type</c> or <c>appid</c>. Credential values are never shown.
    /// </remarks>
    public string? RequestUri => Details.RequestUri;

    /// <summary>Gets the HTTP status of the response; WeChat reports most errors with 200.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public HttpStatusCode? StatusCode => Details.StatusCode;

    /// <summary>Gets how many times the request was sent, retries included.</summary>
    /// <value>1 unless a retrying handler created the exception.</value>
    public int Attempts => Details.Attempts;

    /// <summary>Gets the redacted details this exception reports.</summary>
    internal WeChatErrorDetails Details { get; }
}
