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

    [LoggerMessage(EventId = 9, EventName = "WeChatComponentTokenFetched", Level = LogLevel.Information,
        Message = "Fetched the component_access_token of third-party platform {ComponentAppId}, valid for {ExpiresIn}")]
    public static partial void ComponentTokenFetched(ILogger logger, string componentAppId, TimeSpan expiresIn);

    [LoggerMessage(EventId = 10, EventName = "WeChatTicketPushRequested", Level = LogLevel.Warning,
        Message = "Third-party platform {ComponentAppId} has no valid component_verify_ticket; asked WeChat to push a new one")]
    public static partial void TicketPushRequested(ILogger logger, string componentAppId);

    [LoggerMessage(EventId = 11, EventName = "WeChatTicketPushRequestFailed", Level = LogLevel.Error,
        Message = "Third-party platform {ComponentAppId} has no valid component_verify_ticket, and asking WeChat to push one failed (errcode {ErrorCode}, {Reason})")]
    public static partial void TicketPushRequestFailed(ILogger logger, string componentAppId, long errorCode, string reason);

    [LoggerMessage(EventId = 12, EventName = "WeChatAuthorizerTokenRefreshed", Level = LogLevel.Information,
        Message = "Refreshed the access token of account {AuthorizerAppId} for third-party platform {ComponentAppId}, valid for {ExpiresIn}; refresh token rotated: {RefreshTokenRotated}")]
    public static partial void AuthorizerTokenRefreshed(ILogger logger, string componentAppId, string authorizerAppId, TimeSpan expiresIn, bool refreshTokenRotated);

    [LoggerMessage(EventId = 13, EventName = "WeChatAuthorizerRefreshTokenRead", Level = LogLevel.Warning,
        Message = "Read the refresh token of account {AuthorizerAppId} for third-party platform {ComponentAppId} from api_get_authorizer_info; found: {Found}")]
    public static partial void AuthorizerRefreshTokenRead(ILogger logger, string componentAppId, string authorizerAppId, bool found);

    [LoggerMessage(EventId = 14, EventName = "WeChatRefreshTokenStoreFailed", Level = LogLevel.Warning,
        Message = "The refresh token store failed ({Reason}) to {Operation} the refresh token of account {AuthorizerAppId} for third-party platform {ComponentAppId}; going on without it")]
    public static partial void RefreshTokenStoreFailed(ILogger logger, string reason, string operation, string componentAppId, string authorizerAppId);
}
