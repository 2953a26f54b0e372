using WeChatErrors.Retry.Internal;

namespace WeChatErrors.Tests.Retry.Internal;

public class ResendSafetyTests
{
    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/mass/sendall?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/mass/send?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/mass/preview?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/guide/addguidemassendjob?access_token=T")]
    public void Classify_MassSend_IsBroadcast(string uri)
    {
        Assert.Equal(ResendPolicy.Broadcast, ResendSafety.Classify(new Uri(uri)));
    }

    [Theory]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/access_token?appid=A&secret=S&code=C&grant_type=authorization_code")]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/component/access_token?appid=A&code=C")]
    [InlineData("https://api.weixin.qq.com/sns/jscode2session?appid=A&js_code=C")]
    [InlineData("https://api.weixin.qq.com/sns/component/jscode2session?appid=A&js_code=C")]
    [InlineData("https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/component/api_query_auth?component_access_token=T")]
    public void Classify_OneTimeCodeExchange_IsNever(string uri)
    {
        Assert.Equal(ResendPolicy.Never, ResendSafety.Classify(new Uri(uri)));
    }

    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/template/subscribe?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/subscribe/bizsend?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/wxopen/template/uniform_send?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/freepublish/submit?access_token=T")]
    public void Classify_MessageToOneUserOrPublication_IsOptIn(string uri)
    {
        Assert.Equal(ResendPolicy.OptIn, ResendSafety.Classify(new Uri(uri)));
    }

    [Theory]
    [InlineData("https://api.weixin.qq.com/cgi-bin/user/get?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/custom/typing?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/template/send/extra?access_token=T")]
    [InlineData("https://api.weixin.qq.com/sns/oauth2/refresh_token?appid=A")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/message/mass")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/guide/getguidemassendjob?access_token=T")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/freepublish/get?access_token=T")]
    [InlineData("https://api.weixin.qq.com/xcgi-bin/message/custom/send")]
    public void Classify_OtherEndpoint_IsSafe(string uri)
    {
        Assert.Equal(ResendPolicy.Safe, ResendSafety.Classify(new Uri(uri)));
    }

    [Theory]
    [InlineData("https://proxy.example/wechat/cgi-bin/message/mass/sendall?access_token=T", "Broadcast")]
    [InlineData("https://api.weixin.qq.com/CGI-BIN/Message/Mass/SendAll", "Broadcast")]
    [InlineData("https://api.weixin.qq.com/SNS/OAuth2/Access_Token/", "Never")]
    [InlineData("https://gw.example/a/b/cgi-bin/message/custom/send/", "OptIn")]
    [InlineData("https://api.weixin.qq.com/cgi-bin/MESSAGE/template/SEND", "OptIn")]
    public void Classify_PathPrefixCaseAndTrailingSlash_AreIgnored(string uri, string expected)
    {
        Assert.Equal(Enum.Parse<ResendPolicy>(expected), ResendSafety.Classify(new Uri(uri)));
    }

    [Fact]
    public void Classify_NullOrRelativeUri_IsSafe()
    {
        Assert.Equal(ResendPolicy.Safe, ResendSafety.Classify(null));
        Assert.Equal(ResendPolicy.Safe, ResendSafety.Classify(new Uri("cgi-bin/message/mass/sendall", UriKind.Relative)));
    }

    [Fact]
    public void Classify_QueryNamingAnotherEndpoint_DoesNotMatch()
    {
        Assert.Equal(ResendPolicy.Safe, ResendSafety.Classify(new Uri("https://api.weixin.qq.com/cgi-bin/user/get?next=/cgi-bin/message/mass/sendall")));
    }

    [Fact]
    public void Rules_EveryPath_IsRelativeLowerCaseAndListedOnce()
    {
        var paths = ResendSafety.Rules.Select(r => r.Path).ToList();
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(paths, p => Assert.False(p.StartsWith('/'), p));
        Assert.All(paths, p => Assert.Equal(p.ToLowerInvariant(), p));
        Assert.All(ResendSafety.Rules, r => Assert.NotEqual(ResendPolicy.Safe, r.Policy));
        Assert.All(ResendSafety.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), r.Path));
    }

    [Theory]
    [InlineData(42010)]
    [InlineData(45065)]
    [InlineData(45066)]
    [InlineData(45067)]
    [InlineData(72018)]
    [InlineData(72056)]
    [InlineData(9402005)]
    [InlineData(9402006)]
    [InlineData(9402007)]
    public void IsDuplicateGuard_DedupLimit_IsTrue(int code)
    {
        Assert.True(ResendSafety.IsDuplicateGuard(code));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(45011)]
    [InlineData(45009)]
    [InlineData(268488001)]
    public void IsDuplicateGuard_OtherCode_IsFalse(int code)
    {
        Assert.False(ResendSafety.IsDuplicateGuard(code));
    }

    [Fact]
    public void DuplicateGuards_EveryCode_IsACatalogLimitThatIsNeverAutoRetriedByItsKindAlone()
    {
        Assert.NotEmpty(ResendSafety.DuplicateGuards);
        foreach (var code in ResendSafety.DuplicateGuards)
        {
            Assert.True(WeChatErrorCodes.TryGetInfo(code, out var info), $"{code} is not in the catalog");
            Assert.Contains(info.Kind, new[] { WeChatErrorKind.RateLimit, WeChatErrorKind.InvalidRequest });
        }
    }
}
