using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.Exceptions.Internal;

public sealed class RequestIdParserTests
{
    [Theory]
    [InlineData("invalid credential, access_token is invalid or not latest rid: 60882f1f-676dc618-710dc5ca", "60882f1f-676dc618-710dc5ca")]
    [InlineData("invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: 654df33c-1a2b3c4d-5e6f7a8b", "654df33c-1a2b3c4d-5e6f7a8b")]
    [InlineData("This API has been unsupported, see https://developers.weixin.qq.com/community/develop/doc/000?blockType=1 rid: 658cff8e-0a1b2c3d-4e5f6a7b", "658cff8e-0a1b2c3d-4e5f6a7b")]
    [InlineData("invalid code, rid: 62a1b2c3-11111111-22222222", "62a1b2c3-11111111-22222222")]
    [InlineData("invalid appsecret,rid: 65a1b2c3-11111111-22222222", "65a1b2c3-11111111-22222222")]
    [InlineData("system error hint: [_UNidA0699w607] rid: 6386b59a-2a1f4b1c-5c7d0e22", "6386b59a-2a1f4b1c-5c7d0e22")]
    [InlineData("invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: 6386b59a-2a1f4b1c-5c7d0e22", "6386b59a-2a1f4b1c-5c7d0e22")]
    [InlineData("system error rid: 60882f1f-676dc618-710dc5ca   ", "60882f1f-676dc618-710dc5ca")]
    [InlineData("rid: 60882f1f-676dc618-710dc5ca", "60882f1f-676dc618-710dc5ca")]
    [InlineData("system error rid:60882f1f-676dc618-710dc5ca", "60882f1f-676dc618-710dc5ca")]
    [InlineData("invalid credential hint: [KJZfAa0644e575]", "KJZfAa0644e575")]
    [InlineData("invalid media_id hint: [AnOVOA0460vr31!]", "AnOVOA0460vr31!")]
    [InlineData("invalid openid hint: [gJafs0mre-.4p9.a]", "gJafs0mre-.4p9.a")]
    [InlineData("invalid code, hints: [ req_id: hhJAv0I2e-9Qkj4a ]", "hhJAv0I2e-9Qkj4a")]
    [InlineData("invalid code, hints: [nHNcda0FE-PVWZTA!]", "nHNcda0FE-PVWZTA!")]
    [InlineData("hint: [abc] trailing text", "abc")]
    public void Parse_KnownFormats_ReturnsId(string errmsg, string expected)
    {
        Assert.Equal(expected, RequestIdParser.Parse(errmsg));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("rid: 60882f1f-676dc618-710dc5ca is not at the end of this message")]
    [InlineData("see rid: 60882f1f-676dc618-710dc5ca, then retry")]
    [InlineData("grid: 60882f1f-676dc618-710dc5ca")]
    [InlineData("id 60882f1f-676dc618-710dc5ca")]
    [InlineData("rid: 60882f1f-676dc618-710dc5c")]
    [InlineData("rid: 60882f1f-676dc618-710dc5cz")]
    [InlineData("rid: 60882f1f_676dc618_710dc5ca")]
    [InlineData("rid: x60882f1f-676dc618-710dc5ca")]
    [InlineData("hint: []")]
    [InlineData("hint: [unterminated")]
    [InlineData("hint: [two words]")]
    [InlineData("hint:")]
    [InlineData("blueprint: [abc]")]
    public void Parse_NoId_ReturnsNull(string? errmsg)
    {
        Assert.Null(RequestIdParser.Parse(errmsg));
    }

    [Fact]
    public void Parse_RidLikeTextInMiddleAndHint_ReturnsHint()
    {
        Assert.Equal("KJZfAa0644e575", RequestIdParser.Parse("rid: 60882f1f-676dc618-710dc5ca mentioned earlier hint: [KJZfAa0644e575]"));
    }

    [Fact]
    public void Parse_TwoRids_ReturnsTrailingOne()
    {
        Assert.Equal("654df33c-1a2b3c4d-5e6f7a8b", RequestIdParser.Parse("rid: 60882f1f-676dc618-710dc5ca quoted rid: 654df33c-1a2b3c4d-5e6f7a8b"));
    }
}
