using Microsoft.Extensions.Diagnostics.HealthChecks;
using WeChatErrors;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.DependencyInjection.Internal;
using WeChatErrors.HealthChecks.Internal;
using WeChatErrors.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds health checks that report the built-in access token source (<c>AddWeChatAccessTokens</c>) of each AppID.
/// </summary>
/// <remarks>
/// <para>
/// A check reads what the source's last fetch of the AppID's token from WeChat did; it never fetches by itself, so it costs
/// nothing and never uses up the token quota. It reports:
/// </para>
/// <list type="bullet">
/// <item><description>the registration's failure status (<see cref="HealthStatus.Unhealthy"/> unless given) when the last fetch
/// failed with a code a person must act on: a <see cref="WeChatApiException"/> whose <see cref="WeChatApiException.Kind"/> is
/// <see cref="WeChatErrorKind.Configuration"/> (<c>40125</c> wrong AppSecret), <see cref="WeChatErrorKind.IpNotWhitelisted"/>
/// (<c>40164</c>, <c>61004</c>, <c>89503</c>), <see cref="WeChatErrorKind.DailyQuota"/> (<c>45009</c>) or
/// <see cref="WeChatErrorKind.Permission"/>; the description names the code and what to do;</description></item>
/// <item><description><see cref="HealthStatus.Degraded"/> when the last fetch failed for another reason (<c>-1</c>, a rate limit,
/// a connection error, a timeout, an unreadable answer);</description></item>
/// <item><description><see cref="HealthStatus.Healthy"/> before the first fetch and once a later fetch succeeds.</description></item>
/// </list>
/// <para>
/// The result's data has <c>appId</c> and, after a failure, <c>failedAt</c> (ISO 8601, on the registered <see cref="TimeProvider"/>),
/// <c>consecutiveFailures</c>, <c>exception</c> (the type name only), and <c>errcode</c>, <c>kind</c> and <c>rid</c> when WeChat
/// answered with a code; <c>lastSuccessAt</c> once a fetch succeeded. The result never carries the exception object, and neither
/// the description nor the data holds a token, a secret or an exception's message.
/// </para>
/// <para>
/// A token read from the shared cache (<see cref="WeChatAccessTokenOptions.UseDistributedCache"/>) is no fetch and
/// does not change the result. When your own <see cref="IWeChatAccessTokenSource"/> replaces the built-in one,
/// the check has nothing to read and stays Healthy.
/// </para>
/// </remarks>
public static class WeChatAccessTokenHealthChecksBuilderExtensions
{
    /// <summary>The prefix of a check's default name; the AppID follows it.</summary>
    private const string DefaultNamePrefix = "wechat-access-token-";

    /// <summary>Adds a health check of the access token source of one AppID.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="appId">The AppID, registered with <c>services.AddWeChatAccessTokens(appId, ...)</c> (before or after this call).
    /// When it is not registered, the check reports <paramref name="failureStatus"/>.</param>
    /// <param name="name">The check's name; <c>wechat-access-token-{appId}</c> when <see langword="null"/>.</param>
    /// <param name="failureStatus">The status reported when a person must fix the fetch; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter the check by, or <see langword="null"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="appId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is empty.</exception>
    /// <remarks>See <see cref="WeChatAccessTokenHealthChecksBuilderExtensions"/> for the status rules.</remarks>
    public static IHealthChecksBuilder AddWeChatAccessTokenCheck(this IHealthChecksBuilder builder, string appId, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        if (appId.Length == 0)
        {
            throw new ArgumentException("The AppID must not be empty.", nameof(appId));
        }

        return builder.Add(Registration(appId, name, failureStatus, tags));
    }

    /// <summary>
    /// Adds a health check of the access token source of every AppID registered with <c>services.AddWeChatAccessTokens</c>,
    /// named <c>wechat-access-token-{appId}</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="failureStatus">The status reported when a person must fix the fetch; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter the checks by, or <see langword="null"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// The AppIDs are read when the health check service is first used, so <c>AddWeChatAccessTokens</c> may be called before or
    /// after this method. An AppID that also has a check added with <see cref="AddWeChatAccessTokenCheck"/> under the default name
    /// is not added twice. See <see cref="WeChatAccessTokenHealthChecksBuilderExtensions"/> for the status rules.
    /// </remarks>
    public static IHealthChecksBuilder AddWeChatAccessTokenChecks(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullExceptionShim.ThrowIfNull(builder);
        var tagList = tags?.ToArray();

        // PostConfigure: after every check added with AddWeChatAccessTokenCheck, whatever the order of the calls.
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IEnumerable<WeChatAccessTokenAppMarker>>((options, apps) =>
        {
            foreach (var appId in apps.Select(a => a.AppId).Distinct(StringComparer.Ordinal))
            {
                if (!options.Registrations.Any(r => r.Name == DefaultNamePrefix + appId))
                {
                    options.Registrations.Add(Registration(appId, null, failureStatus, tagList));
                }
            }
        });
        return builder;
    }

    private static HealthCheckRegistration Registration(string appId, string? name, HealthStatus? failureStatus, IEnumerable<string>? tags) => new(
        name ?? DefaultNamePrefix + appId,
        services => new WeChatAccessTokenHealthCheck(services.GetService<AccessTokenCache>(), appId),
        failureStatus ?? HealthStatus.Unhealthy,
        tags);
}
