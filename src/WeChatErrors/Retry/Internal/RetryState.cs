
namespace WeChatErrors.Retry.Internal;

/// <summary>What one request's retries have used so far.</summary>
internal sealed class RetryState
{
    public RetryState(HttpRequestMessage request) => Request = request;

    public HttpRequestMessage Request { get; }

    /// <summary>Gets or sets how many times the request has been sent.</summary>
    public int Attempts { get; set; }

    public int TransientRetries { get; set; }

    public int RateLimitRetries { get; set; }

    public TimeSpan RateLimitWaited { get; set; }

    /// <summary>Gets or sets the delay chosen for the retry about to happen.</summary>
    public TimeSpan NextDelay { get; set; }
}
