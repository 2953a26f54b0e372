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
}
