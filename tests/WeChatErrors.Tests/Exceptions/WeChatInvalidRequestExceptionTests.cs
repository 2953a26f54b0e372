using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatInvalidRequestExceptionTests : ExceptionConstructorTests<WeChatInvalidRequestException>
{
    protected override WeChatErrorCode SampleCode => (WeChatErrorCode)40003;

    protected override WeChatInvalidRequestException Create() => new();

    protected override WeChatInvalidRequestException Create(string message) => new(message);

    protected override WeChatInvalidRequestException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatInvalidRequestException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
