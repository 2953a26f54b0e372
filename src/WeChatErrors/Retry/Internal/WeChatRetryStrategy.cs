using Polly;
using Polly.Retry;
using WeChatErrors.Http.Internal;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.Retry.Internal;

/// <summary>
/// The WeChat retry as a Polly retry strategy: <c>ShouldHandle</c> and the delay ask the <see cref="WeChatRetryPolicy"/>, which
/// changes nothing; <c>OnRetry</c> counts the retry in the call's <see cref="CallProgress"/> and logs it.
/// </summary>
internal static class WeChatRetryStrategy
{
    public const string Name = "WeChatRetry";

    public static RetryStrategyOptions<HttpResponseMessage> CreateOptions(WeChatRetryPolicy policy, WeChatErrorsTelemetry telemetry) => new()
    {
        Name = Name,
        MaxRetryAttempts = policy.MaxRetries,
        ShouldHandle = args => new ValueTask<bool>(
            args.Outcome.Exception is WeChatApiException error && policy.ShouldRetry(error, RequestOf(args.Context), CallProgress.Peek(args.Context))),
        DelayGenerator = args => new ValueTask<TimeSpan?>(policy.GetDelay((WeChatApiException)args.Outcome.Exception!, CallProgress.Peek(args.Context))),
        OnRetry = args =>
        {
            var error = (WeChatApiException)args.Outcome.Exception!;
            CallProgress.Of(args.Context).Retrying(WeChatRetryPolicy.IsRateLimit(error), args.RetryDelay);
            telemetry.Retrying(error, args.RetryDelay);
            return default;
        },
    };

    private static HttpRequestMessage? RequestOf(ResilienceContext context) =>
        context.Properties.TryGetValue(CallProgress.RequestKey, out var request) ? request : null;
}
