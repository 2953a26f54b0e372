using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed partial class WeChatApiExceptionTests : ExceptionConstructorTests<WeChatApiException>
{
    protected override WeChatErrorCode SampleCode => (WeChatErrorCode)99999;

    protected override WeChatApiException Create() => new();

    protected override WeChatApiException Create(string message) => new(message);

    protected override WeChatApiException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatApiException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
