using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatNotFoundExceptionTests : ExceptionConstructorTests<WeChatNotFoundException>
{
    protected override WeChatErrorCode SampleCode => (WeChatErrorCode)46001;

    protected override WeChatNotFoundException Create() => new();

    protected override WeChatNotFoundException Create(string message) => new(message);

    protected override WeChatNotFoundException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatNotFoundException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
