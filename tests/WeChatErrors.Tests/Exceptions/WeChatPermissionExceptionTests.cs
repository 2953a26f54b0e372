using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatPermissionExceptionTests : ExceptionConstructorTests<WeChatPermissionException>
{
    protected override WeChatErrorCode SampleCode => (WeChatErrorCode)48001;

    protected override WeChatPermissionException Create() => new();

    protected override WeChatPermissionException Create(string message) => new(message);

    protected override WeChatPermissionException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatPermissionException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
