using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.Exceptions.Internal;

public sealed class CallerIpParserTests
{
    [Theory]
    [InlineData("invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: 6386b59a-2a1f4b1c-5c7d0e22", "114.221.21.30")]
    [InlineData("invalid ip 114.221.21.30, not in whitelist hint: [KJZfAa0644e575]", "114.221.21.30")]
    [InlineData("invalid ip 114.221.21.30 not in whitelist", "114.221.21.30")]
    [InlineData("Invalid IP 10.0.0.1, not in whitelist", "10.0.0.1")]
    [InlineData("invalid ip 2001:db8::1, not in whitelist", "2001:db8::1")]
    [InlineData("invalid ip not-an-ip, not in whitelist", null)]
    [InlineData("invalid ip , not in whitelist", null)]
    [InlineData("not allow to access from your ip, hint: [1655799424_52_aa], from ip: 101.43.12.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020", "101.43.12.7")]
    [InlineData("not allow to access from your ip, hint: [16557994246266***], from ip: 101.43.**", null)]
    [InlineData("not in whitelist", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parse_ErrMsg_ReturnsCallerIp(string? errmsg, string? expected)
    {
        Assert.Equal(expected, CallerIpParser.Parse(errmsg));
    }
}
