using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.HealthChecks.Internal;

/// <summary>
/// Reports the built-in token source of one AppID from what its last fetch did: the registration's failure status when a person
/// must fix something, Degraded while fetches fail for another reason, Healthy otherwise. It never fetches by itself.
/// </summary>
internal sealed class WeChatAccessTokenHealthCheck : IHealthCheck
{
    private readonly AccessTokenCache? _cache;
    private readonly string _appId;

    public WeChatAccessTokenHealthCheck(AccessTokenCache? cache, string appId)
    {
        _cache = cache;
        _appId = appId;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(context.Registration.FailureStatus));

    private static bool NeedsAPerson(WeChatErrorKind? kind) =>
        kind is WeChatErrorKind.Configuration or WeChatErrorKind.IpNotWhitelisted or WeChatErrorKind.DailyQuota or WeChatErrorKind.Permission;

    private static string WhatToDo(WeChatErrorKind? kind) => kind switch
    {
        WeChatErrorKind.Configuration => "Check the AppID and AppSecret in the settings (the secret may have been reset in the WeChat console).",
        WeChatErrorKind.IpNotWhitelisted => "Add this server's outbound IP address to the account's API IP whitelist, or have the administrator confirm the call.",
        WeChatErrorKind.DailyQuota => "The daily quota of the token API is used up: wait for it to reset, or reset it (clear_quota) in the WeChat console.",
        WeChatErrorKind.Permission => "The account lacks the permission: check its type, verification and authorization in the WeChat console.",
        _ => "Fetches are retried on the next request that needs a token.",
    };

    private HealthCheckResult Check(HealthStatus failureStatus)
    {
        var data = new Dictionary<string, object> { ["appId"] = _appId };
        if (_cache is null || !_cache.IsRegistered(_appId))
        {
            return new HealthCheckResult(failureStatus, $"No WeChat access token settings for AppID '{_appId}': register them with services.AddWeChatAccessTokens(\"{_appId}\", ...).", data: data);
        }

        var snapshot = _cache.GetFetchHealth(_appId);
        if (snapshot.LastSuccessAt is { } success)
        {
            data["lastSuccessAt"] = success.ToString("O", CultureInfo.InvariantCulture);
        }

        if (snapshot.LastFailure is not { } failure)
        {
            var text = snapshot.LastSuccessAt is null ? "no token fetched yet" : "the last fetch succeeded";
            return HealthCheckResult.Healthy($"WeChat access token of AppID '{_appId}': {text}.", data);
        }

        data["failedAt"] = failure.At.ToString("O", CultureInfo.InvariantCulture);
        data["consecutiveFailures"] = failure.ConsecutiveFailures;
        data["exception"] = failure.ExceptionType;
        var cause = failure.ExceptionType;
        if (failure.ErrorCode is { } code)
        {
            data["errcode"] = (int)code;
            data["kind"] = failure.Kind?.ToString() ?? nameof(WeChatErrorKind.Other);
            cause = string.Format(CultureInfo.InvariantCulture, "errcode {0} ({1}{2})", (int)code, failure.Kind, string.IsNullOrEmpty(failure.Description) ? string.Empty : ": " + failure.Description);
            if (failure.RequestId is { } rid)
            {
                data["rid"] = rid;
            }
        }

        var status = NeedsAPerson(failure.Kind) ? failureStatus : HealthStatus.Degraded;
        var description = string.Format(
            CultureInfo.InvariantCulture,
            "The last {0} fetch(es) of the WeChat access token of AppID '{1}' failed with {2}. {3}",
            failure.ConsecutiveFailures,
            _appId,
            cause,
            WhatToDo(failure.Kind));
        return new HealthCheckResult(status, description, exception: null, data);
    }
}
