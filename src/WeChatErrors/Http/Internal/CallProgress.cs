using Polly;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// How far one call through <see cref="WeChatErrorHandler"/> has got: which attempt is being sent, and what the retries of the
/// current round have used. It lives in the call's <see cref="ResilienceContext"/>, created when an error of the first attempt
/// takes the call into the pipeline, so a call that succeeds at once allocates none. The retry strategy's <c>OnRetry</c> and the
/// token recovery are the only writers of the counts.
/// </summary>
internal sealed class CallProgress
{
    /// <summary>The request of the call; set by the handler on every call, read by the strategies after an error.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("WeChatErrors.Request");

    private static readonly ResiliencePropertyKey<CallProgress> Key = new("WeChatErrors.CallProgress");

    /// <summary>Gets the number of the attempt being sent: 1 for the first.</summary>
    public int Attempt { get; private set; } = 1;

    /// <summary>Gets how many times this round resent after a transient error.</summary>
    public int TransientRetries { get; private set; }

    /// <summary>Gets how many times this round resent after a rate limit.</summary>
    public int RateLimitRetries { get; private set; }

    /// <summary>Gets how long this round has waited for rate-limit windows.</summary>
    public TimeSpan RateLimitWaited { get; private set; }

    /// <summary>Gets a value indicating whether the call runs synchronously (<c>HttpClient.Send</c>): then nothing may wait asynchronously.</summary>
    public bool Synchronous { get; private set; }

    /// <summary>Gets a value indicating whether the token recovery failed to get a token; its error is the token client's, not the call's.</summary>
    public bool TokenRefreshFailed { get; private set; }

    /// <summary>Returns the number of the attempt being sent in <paramref name="context"/>.</summary>
    public static int AttemptOf(ResilienceContext context) => Peek(context)?.Attempt ?? 1;

    /// <summary>Returns the progress of the call, or <see langword="null"/> before its first resend.</summary>
    public static CallProgress? Peek(ResilienceContext context) => context.Properties.TryGetValue(Key, out var progress) ? progress : null;

    /// <summary>Starts the progress of a call that enters the pipeline (after an error of its first attempt).</summary>
    public static void Start(ResilienceContext context, HttpRequestMessage request, bool synchronous)
    {
        context.Properties.Set(RequestKey, request);
        context.Properties.Set(Key, new CallProgress { Synchronous = synchronous });
    }

    /// <summary>Returns the progress of the call, creating it at the first resend.</summary>
    public static CallProgress Of(ResilienceContext context)
    {
        if (Peek(context) is { } progress)
        {
            return progress;
        }

        progress = new CallProgress();
        context.Properties.Set(Key, progress);
        return progress;
    }

    /// <summary>Records a retry about to be sent after <paramref name="delay"/>.</summary>
    public void Retrying(bool rateLimit, TimeSpan delay)
    {
        Attempt++;
        if (rateLimit)
        {
            RateLimitRetries++;
            RateLimitWaited += delay;
        }
        else
        {
            TransientRetries++;
        }
    }

    /// <summary>Records a resend with a new access token: the attempt count goes on, the retries start a new round.</summary>
    public void ResendingWithNewToken()
    {
        Attempt++;
        TransientRetries = 0;
        RateLimitRetries = 0;
        RateLimitWaited = TimeSpan.Zero;
    }

    /// <summary>Records that the token recovery could not get a token.</summary>
    public void TokenRefreshFailure() => TokenRefreshFailed = true;
}
