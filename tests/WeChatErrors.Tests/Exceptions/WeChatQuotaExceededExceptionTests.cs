using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatQuotaExceededExceptionTests : ExceptionConstructorTests<WeChatQuotaExceededException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.ApiDailyQuotaReached;

    protected override WeChatQuotaExceededException Create() => new();

    protected override WeChatQuotaExceededException Create(string message) => new(message);

    protected override WeChatQuotaExceededException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatQuotaExceededException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);

    [Fact]
    public void Message_DailyQuota_PointsToClearQuota()
    {
        var exception = new WeChatQuotaExceededException(WeChatErrorCode.ApiDailyQuotaReached, "reach max api daily quota limit");

        Assert.Contains("POST https://api.weixin.qq.com/cgi-bin/clear_quota", exception.Message, StringComparison.Ordinal);
        Assert.Contains("10 resets a month", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not retried", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public void Ctor_Default_MentionsClearQuota()
    {
        Assert.Contains("clear_quota", new WeChatQuotaExceededException().Message, StringComparison.Ordinal);
    }
}
