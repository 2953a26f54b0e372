using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.OpenPlatform;

public sealed class OpenPlatformExceptionsTests
{
    [Fact]
    public void TicketRejected_CarriesWeChatsCode_AndSaysWhatToDo()
    {
        var details = WeChatErrorDetails.Create(61006, null, "component ticket is invalid rid: 6745a3c1-1a2b3c4d-5e6f7a8b", "POST", new Uri("https://api.weixin.qq.com/cgi-bin/component/api_component_token"), null);

        var ex = new WeChatComponentTicketException(details, "wxc", pushRequested: true);

        Assert.Equal(WeChatErrorCode.ComponentTicketInvalid, ex.ErrorCode);
        Assert.Equal("6745a3c1-1a2b3c4d-5e6f7a8b", ex.RequestId);
        Assert.Equal("wxc", ex.ComponentAppId);
        Assert.True(ex.PushRequested);
        Assert.Contains("hand each component_verify_ticket WeChat pushes to SetComponentVerifyTicketAsync", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WeChat was asked to push a new one now", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTicketYet_HasNoCode_AndSaysThePushFailed()
    {
        var ex = new WeChatComponentTicketException("wxc", pushRequested: false);

        Assert.Equal(0, ex.RawErrorCode);
        Assert.False(ex.PushRequested);
        Assert.StartsWith(WeChatComponentTicketException.DefaultMessage, ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the platform's authorization-event URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(61003, "has not authorized platform wxc, or revoked it")]
    [InlineData(61023, "is invalid, and api_get_authorizer_info returned no other one")]
    public void Reauthorize_SaysWhichAccountAndWhy(int code, string expected)
    {
        var ex = new WeChatReauthorizationRequiredException(WeChatErrorDetails.Create(code, null, "x", null, null, null), "wxc", "wxa");

        Assert.Equal(code, ex.RawErrorCode);
        Assert.Equal("wxa", ex.AuthorizerAppId);
        Assert.False(ex.IsTransient);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicConstructors_KeepTheirMessage()
    {
        Assert.Equal(WeChatComponentTicketException.DefaultMessage, new WeChatComponentTicketException().Message);
        Assert.Equal(WeChatReauthorizationRequiredException.DefaultMessage, new WeChatReauthorizationRequiredException().Message);
        var inner = new InvalidOperationException();
        Assert.Same(inner, new WeChatReauthorizationRequiredException("m", inner).InnerException);
        Assert.Equal("secret=REDACTED", new WeChatComponentTicketException("secret=abc").Message);
    }
}
