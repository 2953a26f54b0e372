using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatConfigurationExceptionTests : ExceptionConstructorTests<WeChatConfigurationException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.InvalidAppSecret;

    protected override WeChatConfigurationException Create() => new();

    protected override WeChatConfigurationException Create(string message) => new(message);

    protected override WeChatConfigurationException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatConfigurationException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);
}
