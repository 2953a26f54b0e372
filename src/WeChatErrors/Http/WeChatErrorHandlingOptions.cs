using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WeChatErrors.Shared.Redaction;

namespace WeChatErrors;

/// <summary>
/// Settings of <see cref="WeChatErrorHandler"/>: retries, how much of a response body is inspected, and what may appear in logs.
/// </summary>
/// <remarks>
/// With dependency injection the options are named after the <see cref="System.Net.Http.HttpClient"/> they belong to,
/// so two clients never share settings; they can be bound from configuration and are validated at start-up.
/// </remarks>
public sealed class WeChatErrorHandlingOptions
{
    /// <summary>The default of <see cref="MaxInspectedBodySize"/>: 16 MiB.</summary>
    public const long DefaultMaxInspectedBodySize = 16 * 1024 * 1024;

    /// <summary>Gets or sets the retry settings.</summary>
    /// <value>The default value retries <c>-1</c> three times with backoff and <c>45011</c> once after the minute turns.</value>
    [Required]
    [ValidateObjectMembers]
    public WeChatRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether the final WeChat error of a call is thrown as its <see cref="WeChatApiException"/>
    /// (<see langword="true"/>), or handed to the caller as the response it is (<see langword="false"/>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>: every final WeChat error is thrown.</value>
    /// <remarks>
    /// <para>With <see langword="false"/> (the non-throwing mode, for REST clients and SDKs that read WeChat's result models
    /// themselves) the retries, the token supply and recovery, logs, metrics, trace tags and redaction work as with
    /// <see langword="true"/>, but the response of the last attempt reaches the caller with its status, headers and body intact,
    /// byte for byte. The error the handler found is read from it without parsing again:
    /// <see cref="WeChatHttpResponseMessageExtensions.GetWeChatError(HttpResponseMessage)"/>,
    /// <see cref="WeChatHttpResponseMessageExtensions.TryGetWeChatError(HttpResponseMessage, out WeChatApiException?)"/>, or
    /// <see cref="WeChatHttpResponseMessageExtensions.EnsureWeChatSuccess(HttpResponseMessage)"/>, which throws the exception the
    /// handler would have thrown. Responses of attempts that were retried are still disposed.</para>
    /// <para>Failures that have no response of this client still throw in both modes: transport failures and timeouts,
    /// cancellation, and a token fetch that fails (the token client's error, such as <c>40164</c> or <c>45009</c> of
    /// <c>stable_token</c>, whether the supply asked for the first token or the recovery for a new one).</para>
    /// </remarks>
    public bool ThrowOnError { get; set; } = true;

    /// <summary>Gets or sets the largest response body, in bytes, that the handler reads to look for an <c>errcode</c>.</summary>
    /// <value>The default value is 16 MiB.</value>
    /// <remarks>
    /// A larger body (by its <c>Content-Length</c>, or found larger while reading) is passed to the caller untouched and unchecked.
    /// WeChat error bodies are a few hundred bytes; the largest JSON answers (follower lists) are about a megabyte.
    /// </remarks>
    [Range(1, int.MaxValue)]
    public long MaxInspectedBodySize { get; set; } = DefaultMaxInspectedBodySize;

    /// <summary>Gets the query parameters whose values may appear in exception messages and logs.</summary>
    /// <value>
    /// By default a few harmless names: <c>grant_type</c>, <c>appid</c>, <c>component_appid</c>, <c>type</c>, <c>lang</c>,
    /// <c>offset</c>, <c>count</c>, <c>begin_date</c>, <c>end_date</c>, <c>scene</c>, <c>action</c>. Names are compared without regard to case.
    /// </value>
    /// <remarks>
    /// Every other value is written as <c>REDACTED</c>. Names that carry secrets (<c>access_token</c>, <c>secret</c>, <c>code</c>,
    /// <c>refresh_token</c>, tickets and the like) are never shown, even when added here.
    /// </remarks>
    public ISet<string> LoggedQueryParameters { get; } = new HashSet<string>(SensitiveNames.DefaultLoggedQueryParameters, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the hosts whose answers are WeCom (企业微信) answers, read with the WeCom catalog (<see cref="WeComErrorCode"/>).</summary>
    /// <value>By default <c>qyapi.weixin.qq.com</c>. Every other host is read with the WeChat catalog (<see cref="WeChatErrorCode"/>).</value>
    /// <remarks>
    /// <para>WeCom's numbers are a code space of their own (40001 is a wrong corpsecret there, a stale access token in WeChat), so
    /// one client can call both products and every error is read with its product's table. Add the host of a private deployment or
    /// of a proxy: a host (<c>wecom.example.com</c>), optionally with a port (<c>127.0.0.1:8080</c>) and a path prefix that
    /// matches whole segments (<c>gateway.example.com/qyapi</c>, for a proxy that serves both products on one host). An absolute
    /// http(s) URI is read the same way. Hosts are compared without regard to case; an entry that names no host fails validation.</para>
    /// <para>Configuration adds to the default; clear the set in code to read <c>qyapi.weixin.qq.com</c> as WeChat.</para>
    /// </remarks>
    public ISet<string> WeComHosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { WeComDefaultHost };

    /// <summary>The WeCom API host that <see cref="WeComHosts"/> holds by default.</summary>
    public const string WeComDefaultHost = "qyapi.weixin.qq.com";
}
