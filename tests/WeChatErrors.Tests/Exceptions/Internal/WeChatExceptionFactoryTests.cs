using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.Exceptions.Internal;

public sealed class WeChatExceptionFactoryTests
{
    public static TheoryData<int, Type, WeChatErrorKind> TypeTable => new()
    {
        { -1, typeof(WeChatSystemBusyException), WeChatErrorKind.Transient },
        { 40001, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 40014, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 41001, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 42001, typeof(WeChatAccessTokenException), WeChatErrorKind.AccessToken },
        { 45009, typeof(WeChatQuotaExceededException), WeChatErrorKind.DailyQuota },
        { 45011, typeof(WeChatRateLimitException), WeChatErrorKind.RateLimit },
        { 40013, typeof(WeChatConfigurationException), WeChatErrorKind.Configuration },
        { 40125, typeof(WeChatConfigurationException), WeChatErrorKind.Configuration },
        { 40164, typeof(WeChatIpNotWhitelistedException), WeChatErrorKind.IpNotWhitelisted },
        { 48001, typeof(WeChatPermissionException), WeChatErrorKind.Permission },
        { 40003, typeof(WeChatInvalidRequestException), WeChatErrorKind.InvalidRequest },
        { 46001, typeof(WeChatNotFoundException), WeChatErrorKind.NotFound },
        { 43004, typeof(WeChatRecipientException), WeChatErrorKind.RecipientState },
        { 987654, typeof(WeChatApiException), WeChatErrorKind.Other },
    };

    [Theory]
    [MemberData(nameof(TypeTable))]
    public void Create_Code_PicksTypeFromKind(int code, Type expectedType, WeChatErrorKind expectedKind)
    {
        Assert.Equal(expectedKind, WeChatErrorCodes.GetKind(code));

        WeChatApiException exception = WeChatExceptionFactory.Create(code, null, "some errmsg", "POST", new Uri("https://api.weixin.qq.com/cgi-bin/x?access_token=T"), HttpStatusCode.OK, attempts: 2);

        Assert.IsType(expectedType, exception);
        Assert.Equal((WeChatErrorCode)code, exception.ErrorCode);
        Assert.Equal(code, exception.RawErrorCode);
        Assert.Equal(expectedKind, exception.Kind);
        Assert.Equal(WeChatErrorCodes.IsTransient(code), exception.IsTransient);
        Assert.Equal(((WeChatErrorCode)code).GetDescription(CultureInfo.CurrentUICulture), exception.Description);
        Assert.Equal("some errmsg", exception.ErrorMessage);
        Assert.Equal("POST", exception.RequestMethod);
        Assert.Equal("https://api.weixin.qq.com/cgi-bin/x?access_token=REDACTED", exception.RequestUri);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(2, exception.Attempts);
    }

    [Fact]
    public void Create_ErrMsgNamesAnotherKind_TypeStillFromCode()
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(987654, null, "access_token expired, api minute-quota reach limit, system busy");

        Assert.IsType<WeChatApiException>(exception);
    }

    [Theory]
    [InlineData(2026, 11, 25, 12, 0, 45, 0, 15_000)]
    [InlineData(2026, 11, 25, 12, 0, 0, 0, 60_000)]
    [InlineData(2026, 11, 25, 12, 0, 59, 500, 500)]
    [InlineData(2026, 11, 25, 23, 59, 1, 250, 58_750)]
    public void Create_RateLimit_RetryAfterIsTimeToNextMinute(int year, int month, int day, int hour, int minute, int second, int millisecond, int expectedMilliseconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero));

        var exception = Assert.IsType<WeChatRateLimitException>(
            WeChatExceptionFactory.Create(45011, null, "api minute-quota reach limit, must slower, retry next minute", timeProvider: time));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), exception.RetryAfter);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public void Create_RateLimitInBeijingTime_SameAsUtcMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 20, 0, 45, TimeSpan.FromHours(8)));

        var exception = Assert.IsType<WeChatRateLimitException>(WeChatExceptionFactory.Create(45011, null, null, timeProvider: time));

        Assert.Equal(TimeSpan.FromSeconds(15), exception.RetryAfter);
    }

    [Fact]
    public void Create_RateLimitWithoutTimeProvider_UsesSystemClock()
    {
        var exception = Assert.IsType<WeChatRateLimitException>(WeChatExceptionFactory.Create(45011, null, null));

        Assert.NotNull(exception.RetryAfter);
        Assert.InRange(exception.RetryAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Create_IpNotWhitelisted_SetsCallerIp()
    {
        var exception = Assert.IsType<WeChatIpNotWhitelistedException>(WeChatExceptionFactory.Create(
            40164, null, "invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: 6386b59a-2a1f4b1c-5c7d0e22"));

        Assert.Equal("114.221.21.30", exception.CallerIp);
        Assert.Equal("6386b59a-2a1f4b1c-5c7d0e22", exception.RequestId);
    }

    [Theory]
    [InlineData(3_000_000_000L, int.MaxValue)]
    [InlineData(-3_000_000_000L, int.MinValue)]
    [InlineData(long.MaxValue, int.MaxValue)]
    [InlineData(long.MinValue, int.MinValue)]
    public void Create_BeyondInt32_ClampsErrorCodeKeepsRaw(long raw, int expected)
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(raw, null, "weird");

        Assert.IsType<WeChatApiException>(exception);
        Assert.Equal((WeChatErrorCode)expected, exception.ErrorCode);
        Assert.Equal(raw, exception.RawErrorCode);
        Assert.Equal(WeChatErrorKind.Other, exception.Kind);
        Assert.False(exception.IsTransient);
        Assert.Contains("ErrCode: " + raw.ToString(CultureInfo.InvariantCulture) + Environment.NewLine, exception.Message, StringComparison.Ordinal);
        Assert.Contains(raw.ToString(CultureInfo.InvariantCulture), exception.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BeyondInt64_KeepsDigitsInMessage()
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(long.MaxValue, "123456789012345678901234567890", "weird");

        Assert.Equal((WeChatErrorCode)int.MaxValue, exception.ErrorCode);
        Assert.Equal(long.MaxValue, exception.RawErrorCode);
        Assert.Contains("ErrCode: 123456789012345678901234567890", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownCode_KeepsRawValue()
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(123456, null, null);

        Assert.Equal(123456, (int?)exception.ErrorCode);
        Assert.Equal(WeChatErrorKind.Other, exception.Kind);
        Assert.Contains("ErrCode: 123456", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(", exception.Message.Split('\n')[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public void Create_Attempts_ClampedToAtLeastOne(int attempts, int expected)
    {
        WeChatApiException exception = WeChatExceptionFactory.Create(-1, null, "system error", attempts: attempts);

        Assert.Equal(expected, exception.Attempts);
        Assert.Equal(expected > 1, exception.Message.Contains("Attempts: " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Description_UsesCurrentUiCulture()
    {
        CultureInfo previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            WeChatApiException chinese = WeChatExceptionFactory.Create(40001, null, null);
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            WeChatApiException english = WeChatExceptionFactory.Create(40001, null, null);

            Assert.Equal(WeChatErrorCode.InvalidCredential.GetDescription(new CultureInfo("zh-CN")), chinese.Description);
            Assert.Equal(WeChatErrorCode.InvalidCredential.GetDescription(new CultureInfo("en-US")), english.Description);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Create_NeverKeepsHttpMessages()
    {
        Type[] types = typeof(WeChatApiException).Assembly.GetTypes().Where(t => typeof(WeChatApiException).IsAssignableFrom(t)).ToArray();

        Assert.Equal(13, types.Length);
        foreach (Type type in types)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Assert.False(typeof(HttpRequestMessage).IsAssignableFrom(field.FieldType), $"{type.Name}.{field.Name}");
                Assert.False(typeof(HttpResponseMessage).IsAssignableFrom(field.FieldType), $"{type.Name}.{field.Name}");
            }
        }
    }
}
