using Microsoft.Extensions.Logging;

namespace WeChatErrors.Http.Logging;

/// <summary>
/// The messages of <see cref="RedactingHttpClientLogger"/>: the event ids, names and texts of HttpClientFactory's default
/// loggers, so filters and queries written for them keep working.
/// </summary>
internal static partial class HttpClientLog
{
    private static readonly Func<ILogger, HttpMethod, string?, IDisposable?> Scope =
        LoggerMessage.DefineScope<HttpMethod, string?>("HTTP {HttpMethod} {Uri}");

    public static IDisposable? BeginScope(ILogger logger, HttpMethod method, string? uri) => Scope(logger, method, uri);

    [LoggerMessage(EventId = 100, EventName = "RequestPipelineStart", Level = LogLevel.Information,
        Message = "Start processing HTTP request {HttpMethod} {Uri}")]
    public static partial void StartProcessing(ILogger logger, HttpMethod httpMethod, string? uri);

    [LoggerMessage(EventId = 101, EventName = "RequestPipelineEnd", Level = LogLevel.Information,
        Message = "End processing HTTP request after {ElapsedMilliseconds}ms - {StatusCode}")]
    public static partial void EndProcessing(ILogger logger, double elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 100, EventName = "RequestStart", Level = LogLevel.Information,
        Message = "Sending HTTP request {HttpMethod} {Uri}")]
    public static partial void Sending(ILogger logger, HttpMethod httpMethod, string? uri);

    [LoggerMessage(EventId = 101, EventName = "RequestEnd", Level = LogLevel.Information,
        Message = "Received HTTP response headers after {ElapsedMilliseconds}ms - {StatusCode}")]
    public static partial void Received(ILogger logger, double elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 102, EventName = "RequestFailed", Level = LogLevel.Information,
        Message = "HTTP request failed after {ElapsedMilliseconds}ms: {ExceptionType}")]
    public static partial void Failed(ILogger logger, double elapsedMilliseconds, string exceptionType);
}
