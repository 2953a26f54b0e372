using System.Net;

namespace WeChatErrors.Tests.Exceptions;

/// <summary>The constructor tests every WeChat exception type shares; each type's test class supplies its constructors.</summary>
public abstract class ExceptionConstructorTests<TException>
    where TException : WeChatApiException
{
    private static readonly Uri SecretUri = new("https://api.weixin.qq.com/cgi-bin/user/get?access_token=SECRET_TOKEN&next_openid=o6_bmjrPTlm6&lang=zh_CN");

    protected abstract TException Create();

    protected abstract TException Create(string message);

    protected abstract TException Create(string message, Exception? innerException);

    protected abstract TException Create(WeChatErrorCode errorCode, string? errorMessage, HttpMethod? requestMethod, Uri? requestUri, HttpStatusCode? statusCode);

    protected abstract WeChatErrorCode SampleCode { get; }

    [Fact]
    public void Ctor_Default_UsesDefaultMessageAndNoCode()
    {
        TException exception = Create();

        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        AssertNoCode(exception);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public void Ctor_Message_KeepsMessage()
    {
        TException exception = Create("something failed");

        Assert.Equal("something failed", exception.Message);
        AssertNoCode(exception);
    }

    [Fact]
    public void Ctor_Message_RedactsSecretPairs()
    {
        TException exception = Create("call to /cgi-bin/token?grant_type=client_credential&secret=MY_APP_SECRET failed");

        Assert.DoesNotContain("MY_APP_SECRET", exception.Message, StringComparison.Ordinal);
        Assert.Contains("secret=REDACTED", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MessageAndInner_KeepsBoth()
    {
        var inner = new InvalidOperationException("inner");

        TException exception = Create("outer", inner);

        Assert.Equal("outer", exception.Message);
        Assert.Same(inner, exception.InnerException);
        AssertNoCode(exception);
    }

    [Fact]
    public void Ctor_ErrorCode_SetsEveryProperty()
    {
        const string ErrMsg = "some failure rid: 60882f1f-676dc618-710dc5ca";

        TException exception = Create(SampleCode, ErrMsg, HttpMethod.Get, SecretUri, HttpStatusCode.OK);

        Assert.Equal(SampleCode, exception.ErrorCode);
        Assert.Equal((long)SampleCode, exception.RawErrorCode);
        Assert.Equal(WeChatErrorCodes.GetKind((int)SampleCode), exception.Kind);
        Assert.Equal(WeChatErrorCodes.IsTransient((int)SampleCode), exception.IsTransient);
        Assert.Equal(SampleCode.GetDescription(System.Globalization.CultureInfo.CurrentUICulture), exception.Description);
        Assert.Equal(ErrMsg, exception.ErrorMessage);
        Assert.Equal("60882f1f-676dc618-710dc5ca", exception.RequestId);
        Assert.Equal("GET", exception.RequestMethod);
        Assert.Equal("https://api.weixin.qq.com/cgi-bin/user/get?access_token=REDACTED&next_openid=REDACTED&lang=zh_CN", exception.RequestUri);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(1, exception.Attempts);
        Assert.DoesNotContain("SECRET_TOKEN", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains($"ErrCode: {(int)SampleCode}", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith(exception.Description, exception.Message, StringComparison.Ordinal);
        Assert.Empty(exception.Data);
    }

    [Fact]
    public void Ctor_ErrorCodeOnly_LeavesRequestFieldsNull()
    {
        TException exception = Create(SampleCode, null, null, null, null);

        Assert.Equal(SampleCode, exception.ErrorCode);
        Assert.Null(exception.ErrorMessage);
        Assert.Null(exception.RequestId);
        Assert.Null(exception.RequestMethod);
        Assert.Null(exception.RequestUri);
        Assert.Null(exception.StatusCode);
        Assert.DoesNotContain("Request:", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Status:", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertNoCode(TException exception)
    {
        Assert.Equal(WeChatErrorCode.Success, exception.ErrorCode);
        Assert.Equal(0, exception.RawErrorCode);
        Assert.Equal(WeChatErrorKind.Other, exception.Kind);
        Assert.False(exception.IsTransient);
        Assert.Equal(string.Empty, exception.Description);
        Assert.Null(exception.ErrorMessage);
        Assert.Null(exception.RequestId);
        Assert.Null(exception.RequestMethod);
        Assert.Null(exception.RequestUri);
        Assert.Null(exception.StatusCode);
        Assert.Equal(1, exception.Attempts);
    }
}
