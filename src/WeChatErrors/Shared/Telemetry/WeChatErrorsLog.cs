using Microsoft.Extensions.Logging;

namespace WeChatErrors.Shared.Telemetry;

/// <summary>The handler's log messages. Event ids are fixed: dashboards and alerts may depend on them.</summary>
internal static partial class WeChatErrorsLog
{
    [LoggerMessage(EventId = 1, EventName = "WeChatRetry", Level = LogLevel.Warning,
        Message = "{Product} errcode {ErrorCode} ({ErrorKind}) on attempt {Attempt} of {RequestMethod} {RequestUri} (rid {RequestId}); sending again in {Delay}")]
    public static partial void Retrying(ILogger logger, WeChatProduct product, int errorCode, WeChatErrorKind errorKind, int attempt, string? requestMethod, string? requestUri, string? requestId, TimeSpan delay);

    [LoggerMessage(EventId = 2, EventName = "WeChatError", Level = LogLevel.Error,
        Message = "{Product} errcode {ErrorCode} ({ErrorKind}) after {Attempts} attempt(s) of {RequestMethod} {RequestUri} (rid {RequestId}): {ErrorMessage}")]
    public static partial void Failed(ILogger logger, WeChatProduct product, int errorCode, WeChatErrorKind errorKind, int attempts, string? requestMethod, string? requestUri, string? requestId, string? errorMessage);

    [LoggerMessage(EventId = 3, EventName = "WeChatErrorExpected", Level = LogLevel.Warning,
        Message = "{Product} errcode {ErrorCode} ({ErrorKind}) after {Attempts} attempt(s) of {RequestMethod} {RequestUri} (rid {RequestId}): {ErrorMessage}")]
    public static partial void FailedExpected(ILogger logger, WeChatProduct product, int errorCode, WeChatErrorKind errorKind, int attempts, string? requestMethod, string? requestUri, string? requestId, string? errorMessage);

    [LoggerMessage(EventId = 4, EventName = "WeChatTokenRefreshed", Level = LogLevel.Warning,
        Message = "{Product} errcode {ErrorCode} ({ErrorKind}) on attempt {Attempt} of {RequestMethod} {RequestUri} (rid {RequestId}); sending again once with the current access token of {AppId}")]
    public static partial void TokenRefreshed(ILogger logger, WeChatProduct product, int errorCode, WeChatErrorKind errorKind, int attempt, string? requestMethod, string? requestUri, string? requestId, string appId);

    [LoggerMessage(EventId = 5, EventName = "WeChatTokenFetched", Level = LogLevel.Information,
        Message = "Fetched a WeChat access token for {AppId} from {Endpoint}, valid for {ExpiresIn}")]
    public static partial void TokenFetched(ILogger logger, string appId, WeChatAccessTokenEndpoint endpoint, TimeSpan expiresIn);

    [LoggerMessage(EventId = 6, EventName = "WeChatTokenCacheFailed", Level = LogLevel.Warning,
        Message = "The shared access token cache failed ({Reason}) for {AppId}; going on without it, and skipping it for {BreakDuration}")]
    public static partial void TokenCacheFailed(ILogger logger, string reason, string appId, TimeSpan breakDuration);

    [LoggerMessage(EventId = 7, EventName = "WeChatTokenCacheRestored", Level = LogLevel.Information,
        Message = "The shared access token cache answers again for {AppId}; using it again")]
    public static partial void TokenCacheRestored(ILogger logger, string appId);

    [LoggerMessage(EventId = 8, EventName = "WeComTokenFetched", Level = LogLevel.Information,
        Message = "Fetched a WeCom access token for corp {CorpId}, application {App}, valid for {ExpiresIn}")]
    public static partial void WeComTokenFetched(ILogger logger, string corpId, string app, TimeSpan expiresIn);
}
