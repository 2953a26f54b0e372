using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatRateLimitExceptionTests : ExceptionConstructorTests<WeChatRateLimitException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.ApiMinuteQuotaReached;

    protected override WeChatRateLimitException Create() => new();

    protected override WeChatRateLimitException Create(string message) => new(message);

    protected override WeChatRateLimitException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatRateLimitException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);

    [Fact]
    public void Ctor_RetryAfter_KeepsValue()
    {
        var exception = new WeChatRateLimitException(WeChatErrorCode.ApiMinuteQuotaReached, "api minute-quota reach limit", retryAfter: TimeSpan.FromSeconds(15));

        Assert.Equal(TimeSpan.FromSeconds(15), exception.RetryAfter);
        Assert.Contains("RetryAfter: 00:00:15", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoRetryAfter_IsNull()
    {
        Assert.Null(new WeChatRateLimitException(WeChatErrorCode.ApiMinuteQuotaReached, null).RetryAfter);
        Assert.Null(new WeChatRateLimitException().RetryAfter);
    }
}
