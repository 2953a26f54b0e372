using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatSystemBusyExceptionTests : ExceptionConstructorTests<WeChatSystemBusyException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.SystemBusy;

    protected override WeChatSystemBusyException Create() => new();

    protected override WeChatSystemBusyException Create(string message) => new(message);

    protected override WeChatSystemBusyException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatSystemBusyException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
