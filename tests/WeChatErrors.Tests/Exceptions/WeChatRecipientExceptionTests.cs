using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatRecipientExceptionTests : ExceptionConstructorTests<WeChatRecipientException>
{
    protected override WeChatErrorCode SampleCode => (WeChatErrorCode)43004;

    protected override WeChatRecipientException Create() => new();

    protected override WeChatRecipientException Create(string message) => new(message);

    protected override WeChatRecipientException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatRecipientException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
