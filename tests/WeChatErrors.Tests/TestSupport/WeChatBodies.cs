namespace WeChatErrors.Tests.TestSupport;

/// <summary>Response bodies as WeChat sends them (made-up tokens and ids).</summary>
internal static class WeChatBodies
{
    public const string Rid = "60882f1f-676dc618-710dc5ca";

    public const string InvalidCredential =
        "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: " + Rid + "\"}";

    public const string SystemBusy = "{\"errcode\":-1,\"errmsg\":\"system error rid: 6386b59a-1c2d3e4f-5a6b7c8d\"}";

    public const string MinuteQuota = "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit, must slower, retry next minute rid: 654df33c-0a1b2c3d-4e5f6a7b\"}";

    public const string DailyQuota = "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: 658cff8e-11111111-22222222\"}";

    public const string IpNotInWhitelist = "{\"errcode\":40164,\"errmsg\":\"invalid ip 114.221.21.30 ipv6 ::ffff:114.221.21.30, not in whitelist rid: 654df33c-33333333-44444444\"}";

    public const string Ok = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    public const string Token = "{\"access_token\":\"FAKE_TOKEN_ISSUED_BY_TEST\",\"expires_in\":7200}";

    public const string Followers = "{\"total\":2,\"count\":2,\"data\":{\"openid\":[\"o6_bmjrPTlm6_2sgVt7hMZOPfL2M\",\"o6_bmjrPTlm6_2sgVt7hMZOPfL2N\"]},\"next_openid\":\"o6_bmjrPTlm6_2sgVt7hMZOPfL2N\"}";
}
