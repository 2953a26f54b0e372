namespace WeChatErrors.Tests.TestSupport;

/// <summary>Response bodies as WeCom (企业微信) sends them: an errmsg with a hint (the request id), the caller IP and a link.</summary>
internal static class WeComBodies
{
    public const string Hint = "1700000000_92_5c0b3a1e";

    public const string InvalidCorpSecret = "{\"errcode\":40001,\"errmsg\":\"invalid secret, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=40001\"}";

    public const string InvalidAccessToken = "{\"errcode\":40014,\"errmsg\":\"invalid access_token, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=40014\"}";

    public const string FrequencyLimited = "{\"errcode\":45009,\"errmsg\":\"api freq out of limit, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=45009\"}";

    public const string ConcurrencyLimited = "{\"errcode\":45033,\"errmsg\":\"api concurrent out of limit, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=45033\"}";

    public const string SystemBusy = "{\"errcode\":-1,\"errmsg\":\"system busy, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=-1\"}";

    public const string DataVersionConflict = "{\"errcode\":6000,\"errmsg\":\"data version conflict, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=6000\"}";

    public const string UntrustedIp = "{\"errcode\":60020,\"errmsg\":\"not allow to access from your ip, hint: [" + Hint + "], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=60020\"}";

    public const string Ok = "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"zhangsan\"}";
}
