namespace WeChatErrors.Tests.Http;

public class WeChatErrorHandlingOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new WeChatErrorHandlingOptions();

        Assert.Equal(16 * 1024 * 1024, options.MaxInspectedBodySize);
        Assert.Contains("appid", options.LoggedQueryParameters);
        Assert.Contains("GRANT_TYPE", options.LoggedQueryParameters);
        Assert.DoesNotContain("access_token", options.LoggedQueryParameters);
        Assert.True(options.Retry.Enabled);
        Assert.Equal(3, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.MaxDelay);
        Assert.True(options.Retry.UseJitter);
        Assert.Equal(1, options.Retry.MaxRateLimitRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(65), options.Retry.MaxRateLimitWait);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.RateLimitJitter);
        Assert.Empty(options.Retry.AdditionalRetryErrorCodes);
        Assert.Empty(options.Retry.NonRetryErrorCodes);
    }

    [Fact]
    public void DefaultMaxInspectedBodySize_Is16MiB() => Assert.Equal(16_777_216, WeChatErrorHandlingOptions.DefaultMaxInspectedBodySize);

    [Fact]
    public void LoggedQueryParameters_ExactDefaultSet_CaseInsensitive()
    {
        var logged = new WeChatErrorHandlingOptions().LoggedQueryParameters;

        Assert.Equal(
            ["action", "appid", "begin_date", "component_appid", "count", "end_date", "grant_type", "lang", "offset", "scene", "type"],
            logged.Order(StringComparer.Ordinal));
        Assert.Contains("Component_AppId", logged);
        Assert.False(logged.Add("APPID"));
    }

    [Fact]
    public void LoggedQueryParameters_OwnSetPerInstance()
    {
        var first = new WeChatErrorHandlingOptions();
        first.LoggedQueryParameters.Add("openid");

        Assert.DoesNotContain("openid", new WeChatErrorHandlingOptions().LoggedQueryParameters);
    }

    [Fact]
    public void Retry_EveryDefault()
    {
        var retry = new WeChatRetryOptions();

        Assert.True(retry.Enabled);
        Assert.False(retry.RetryMessageSends);
        Assert.Equal(3, retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), retry.MaxDelay);
        Assert.True(retry.UseJitter);
        Assert.Equal(1, retry.MaxRateLimitRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(65), retry.MaxRateLimitWait);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.RateLimitJitter);
        Assert.Empty(retry.AdditionalRetryErrorCodes);
        Assert.Empty(retry.NonRetryErrorCodes);
        Assert.False(retry.AdditionalRetryErrorCodes.IsReadOnly);
        Assert.False(retry.NonRetryErrorCodes.IsReadOnly);
    }

    [Fact]
    public void Retry_OwnInstanceAndSetsPerOptions()
    {
        var first = new WeChatErrorHandlingOptions();
        first.Retry.AdditionalRetryErrorCodes.Add(89401);
        first.Retry.NonRetryErrorCodes.Add(-1);
        var second = new WeChatErrorHandlingOptions();

        Assert.NotSame(first.Retry, second.Retry);
        Assert.Empty(second.Retry.AdditionalRetryErrorCodes);
        Assert.Empty(second.Retry.NonRetryErrorCodes);
    }
}
