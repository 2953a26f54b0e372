using Polly;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Retry.Internal;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// Builds the one pipeline a <see cref="WeChatErrorHandler"/> runs its attempts through, once per handler: the token recovery
/// outside, the WeChat retry inside, so that a resend with a new token gets a fresh round of retries.
/// </summary>
internal static class WeChatPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(WeChatRetryOptions options, WeChatRetryPolicy policy, TimeProvider timeProvider, WeChatErrorsTelemetry telemetry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "WeChatErrors", TimeProvider = timeProvider };
        if (options.Enabled)
        {
            builder.AddStrategy(_ => new TokenRecoveryStrategy(telemetry));
        }

        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(WeChatRetryStrategy.CreateOptions(policy, telemetry));
        }

        return builder.Build();
    }
}
