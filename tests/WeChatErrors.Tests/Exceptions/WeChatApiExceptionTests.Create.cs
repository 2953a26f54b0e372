namespace WeChatErrors.Tests.Exceptions;

/// <summary>
/// <see cref="WeChatApiException.Create"/> maps a code an SDK already parsed to the exception the handler would give for the
/// same body: compared, property by property, with <see cref="WeChatApiException.ThrowIfError(string, WeChatProduct)"/>.
/// </summary>
public sealed class WeChatApiExceptionCreateTests
{
    [Theory]
    [InlineData(40001, "invalid credential, access_token is invalid or not latest rid: 6745a3c1-1a2b3c4d-5e6f7a8b", WeChatProduct.WeChat)]
    [InlineData(45009, "reach max api daily quota limit", WeChatProduct.WeChat)]
    [InlineData(40164, "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6745a3c1-1a2b3c4d-5e6f7a8b", WeChatProduct.WeChat)]
    [InlineData(99999999, "something new", WeChatProduct.WeChat)]
    [InlineData(40001, "invalid secret, hint: [1764547200_92_5c0b3a1e2f], from ip: 203.0.113.7", WeChatProduct.WeCom)]
    [InlineData(45009, "api freq out of limit", WeChatProduct.WeCom)]
    public void SameAsTheHandlersException(int code, string message, WeChatProduct product)
    {
        var created = WeChatApiException.Create(code, message, product);
        var thrown = Assert.ThrowsAny<WeChatApiException>(() => WeChatApiException.ThrowIfError($"{{\"errcode\":{code},\"errmsg\":\"{message}\"}}", product));

        Assert.Equal(thrown.GetType(), created.GetType());
        Assert.Equal(thrown.Product, created.Product);
        Assert.Equal(thrown.ErrorCode, created.ErrorCode);
        Assert.Equal(thrown.WeComErrorCode, created.WeComErrorCode);
        Assert.Equal(thrown.Kind, created.Kind);
        Assert.Equal(thrown.Description, created.Description);
        Assert.Equal(thrown.RequestId, created.RequestId);
        Assert.Equal(thrown.ErrorMessage, created.ErrorMessage);
        Assert.Equal(thrown.Message, created.Message);
    }

    [Fact]
    public void SecretsInTheMessageAndUrlAreRedacted()
    {
        var created = WeChatApiException.Create(
            40029,
            "invalid code, code=OAUTH_CODE_5e1f",
            requestMethod: HttpMethod.Get,
            requestUri: new Uri("https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=SDK_SECRET_77&code=OAUTH_CODE_5e1f"));

        Assert.Equal(WeChatErrorCode.InvalidOAuthCode, created.ErrorCode);
        Assert.DoesNotContain("SDK_SECRET_77", created.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("OAUTH_CODE_5e1f", created.ToString(), StringComparison.Ordinal);
        Assert.Contains("/sns/oauth2/access_token?appid=wx1&secret=REDACTED", created.RequestUri, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroIsASuccess_Refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WeChatApiException.Create(0, "ok"));
        Assert.Equal("errorCode", error.ParamName);
    }
}
