using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatAccessTokenExceptionTests : ExceptionConstructorTests<WeChatAccessTokenException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.InvalidCredential;

    protected override WeChatAccessTokenException Create() => new();

    protected override WeChatAccessTokenException Create(string message) => new(message);

    protected override WeChatAccessTokenException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatAccessTokenException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
