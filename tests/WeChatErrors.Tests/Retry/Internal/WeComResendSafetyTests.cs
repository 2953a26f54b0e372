using WeChatErrors.Retry.Internal;

namespace WeChatErrors.Tests.Retry.Internal;

public sealed class WeComResendSafetyTests
{
    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=T", "Broadcast")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/appchat/send", "Broadcast")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/externalcontact/add_msg_template", "Broadcast")]
    [InlineData("https://gateway.example.com/qyapi/CGI-BIN/MESSAGE/SEND/", "Broadcast")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/auth/getuserinfo?code=C", "Never")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/service/get_permanent_code", "Never")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/externalcontact/send_welcome_msg", "Never")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/kf/send_msg", "OptIn")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/message/recall", "Safe")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/user/get", "Safe")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/message/custom/send", "Safe")]
    public void Classify_Path(string uri, string expected) =>
        Assert.Equal(Enum.Parse<ResendPolicy>(expected), WeComResendSafety.Classify(new Uri(uri)));

    [Fact]
    public void Classify_NoUri_IsSafe() => Assert.Equal(ResendPolicy.Safe, WeComResendSafety.Classify(null));

    [Fact]
    public void Rules_AreUniqueWithReasons_AndNeverSafe()
    {
        var paths = WeComResendSafety.Rules.Select(r => r.Path).ToList();

        Assert.Equal(paths.Count, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(WeComResendSafety.Rules, r => Assert.NotEqual(ResendPolicy.Safe, r.Policy));
        Assert.All(WeComResendSafety.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), r.Path));
    }
}
