using System.Net;

namespace WeChatErrors.Tests.Exceptions;

public sealed class WeChatIpNotWhitelistedExceptionTests : ExceptionConstructorTests<WeChatIpNotWhitelistedException>
{
    protected override WeChatErrorCode SampleCode => WeChatErrorCode.IpNotInWhitelist;

    protected override WeChatIpNotWhitelistedException Create() => new();

    protected override WeChatIpNotWhitelistedException Create(string message) => new(message);

    protected override WeChatIpNotWhitelistedException Create(string message, Exception? innerException) => new(message, innerException);

    protected override WeChatIpNotWhitelistedException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode) =>
        new(errorCode, errorMessage, requestMethod, requestUri, statusCode);

    [Theory]
    [InlineData("invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: 6386b59a-2a1f4b1c-5c7d0e22", "114.221.21.30")]
    [InlineData("invalid ip 47.98.1.2, not in whitelist hint: [KJZfAa0644e575]", "47.98.1.2")]
    [InlineData("invalid ip 2001:db8::1, not in whitelist", "2001:db8::1")]
    [InlineData("not in whitelist", null)]
    [InlineData(null, null)]
    public void Ctor_ErrorMessage_ParsesCallerIp(string? errmsg, string? expected)
    {
        var exception = new WeChatIpNotWhitelistedException(WeChatErrorCode.IpNotInWhitelist, errmsg);

        Assert.Equal(expected, exception.CallerIp);
        Assert.IsAssignableFrom<WeChatConfigurationException>(exception);
    }
}
