using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using WeChatErrors.Shared.Redaction;

namespace WeChatErrors.Http.Logging;

/// <summary>
/// The request logging of a WeChat client, in place of HttpClientFactory's default loggers: the same categories, events and
/// texts, with every URL written through <see cref="UriRedactor"/>. Before Microsoft.Extensions.Http 9 the default loggers
/// write the whole URL (an <c>access_token</c>, a token endpoint's <c>secret</c>); from 9 on they write <c>?*</c> for the
/// query, which hides the <c>type</c> or <c>grant_type</c> a reader needs too.
/// </summary>
internal sealed class RedactingHttpClientLogger : IHttpClientLogger
{
    private readonly ILogger _logger;
    private readonly bool _logicalLevel;
    private readonly IReadOnlyCollection<string>? _loggedQueryParameters;

    /// <param name="logger">The logger of the category <c>System.Net.Http.HttpClient.{name}.LogicalHandler</c> or <c>.ClientHandler</c>.</param>
    /// <param name="logicalLevel"><see langword="true"/> for the logger around the whole pipeline (once per call, with a scope),
    /// <see langword="false"/> for the one around the primary handler (once per attempt).</param>
    /// <param name="loggedQueryParameters">The client's allow-list of query parameters; <see langword="null"/> for the defaults.</param>
    public RedactingHttpClientLogger(ILogger logger, bool logicalLevel, IReadOnlyCollection<string>? loggedQueryParameters)
    {
        _logger = logger;
        _logicalLevel = logicalLevel;
        _loggedQueryParameters = loggedQueryParameters;
    }

    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (!_logicalLevel)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                HttpClientLog.Sending(_logger, request.Method, Redact(request));
            }

            return null;
        }

        // The scope is set before the pipeline runs and flows into it, as the default logger's does.
        var uri = Redact(request);
        var scope = HttpClientLog.BeginScope(_logger, request.Method, uri);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            HttpClientLog.StartProcessing(_logger, request.Method, uri);
        }

        return scope;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (_logicalLevel)
        {
            HttpClientLog.EndProcessing(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
        }
        else
        {
            HttpClientLog.Received(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
        }

        (context as IDisposable)?.Dispose();
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        // The exception is named, not logged: a message of another component might quote the URL.
        HttpClientLog.Failed(_logger, elapsed.TotalMilliseconds, exception.GetType().FullName ?? exception.GetType().Name);
        (context as IDisposable)?.Dispose();
    }

    private string? Redact(HttpRequestMessage request) =>
        request.RequestUri is { } uri ? UriRedactor.Redact(uri, _loggedQueryParameters) : null;
}
