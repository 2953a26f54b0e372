using System.Text;

namespace WeChatErrors.Tests.Exceptions;

public sealed partial class WeChatApiExceptionTests
{
    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""")]
    [InlineData("""{"access_token":"ACCESS_TOKEN","expires_in":7200}""")]
    [InlineData("""{"errcode":"0","errmsg":""}""")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"errcode":40001""")]
    [InlineData("""[{"errcode":40001}]""")]
    [InlineData("""{"errcode":true}""")]
    [InlineData("""{"resp":[{"errcode":40001}]}""")]
    public void ThrowIfError_NoTopLevelError_Returns(string json)
    {
        WeChatApiException.ThrowIfError(json);
        WeChatApiException.ThrowIfError(Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void ThrowIfError_AccessTokenError_ThrowsTypedException()
    {
        const string Json = """{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest rid: 60882f1f-676dc618-710dc5ca"}""";

        var exception = Assert.Throws<WeChatAccessTokenException>(() => WeChatApiException.ThrowIfError(Json));

        Assert.Equal(WeChatErrorCode.InvalidCredential, exception.ErrorCode);
        Assert.Equal("60882f1f-676dc618-710dc5ca", exception.RequestId);
        Assert.Null(exception.RequestUri);
        Assert.Null(exception.StatusCode);
    }

    [Fact]
    public void ThrowIfError_Utf8Bytes_ThrowsTypedException()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"errcode":45011,"errmsg":"api minute-quota reach limit"}""");

        var exception = Assert.Throws<WeChatRateLimitException>(() => WeChatApiException.ThrowIfError(json));

        Assert.NotNull(exception.RetryAfter);
    }

    [Fact]
    public void ThrowIfError_HugeCode_KeepsDigits()
    {
        var exception = Assert.Throws<WeChatApiException>(() => WeChatApiException.ThrowIfError("""{"errcode":-123456789012345678901234567890,"errmsg":"x"}"""));

        Assert.Equal(long.MinValue, exception.RawErrorCode);
        Assert.Equal((WeChatErrorCode)int.MinValue, exception.ErrorCode);
        Assert.Contains("ErrCode: -123456789012345678901234567890", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfError_NullString_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => WeChatApiException.ThrowIfError((string)null!));
    }

    [Fact]
    public void TryReadError_Error_ReturnsCodeAndRedactedMessage()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"errmsg":"bad url https://x.cn/a?access_token=LEAK&type=1","errcode":40014}""");

        bool found = WeChatApiException.TryReadError(json, out WeChatErrorCode code, out string? message);

        Assert.True(found);
        Assert.Equal(WeChatErrorCode.InvalidAccessToken, code);
        Assert.Equal("bad url https://x.cn/a?access_token=REDACTED&type=1", message);
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""")]
    [InlineData("""{"openid":"o1"}""")]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("""{"errcode":1.5}""")]
    public void TryReadError_NoError_ReturnsFalse(string json)
    {
        bool found = WeChatApiException.TryReadError(Encoding.UTF8.GetBytes(json), out WeChatErrorCode code, out string? message);

        Assert.False(found);
        Assert.Equal(WeChatErrorCode.Success, code);
        Assert.Null(message);
    }

    [Fact]
    public void TryReadError_BeyondInt32_ClampsCode()
    {
        bool found = WeChatApiException.TryReadError("""{"errcode":5000000000}"""u8, out WeChatErrorCode code, out string? message);

        Assert.True(found);
        Assert.Equal((WeChatErrorCode)int.MaxValue, code);
        Assert.Null(message);
    }
}
