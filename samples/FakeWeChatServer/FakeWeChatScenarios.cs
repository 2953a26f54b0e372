namespace FakeWeChat;

/// <summary>The paths the demo and the integration tests call, and what the fake server answers on each.</summary>
public static class FakeWeChatScenarios
{
    /// <summary>A made-up request id, in WeChat's format.</summary>
    public const string Rid = "6745a3c1-1a2b3c4d-5e6f7a8b";

    /// <summary>The follower list answered by <see cref="Followers"/>.</summary>
    public const string FollowersJson =
        "{\"total\":2,\"count\":2,\"data\":{\"openid\":[\"o6_bmjrPTlm6_2sgVt7hMZOPfL2M\",\"o6_bmjrPTlm6_2sgVt7hMZOPfL2N\"]},\"next_openid\":\"o6_bmjrPTlm6_2sgVt7hMZOPfL2N\"}";

    /// <summary>Success without an errcode.</summary>
    public const string Followers = "cgi-bin/user/get";

    /// <summary><c>-1</c> once, then success.</summary>
    public const string BusyOnce = "cgi-bin/tags/get";

    /// <summary><c>45011</c> once, then success.</summary>
    public const string MinuteQuotaOnce = "cgi-bin/menu/get";

    /// <summary><c>45009</c> every time.</summary>
    public const string DailyQuota = "cgi-bin/get_current_selfmenu_info";

    /// <summary><c>40001</c> every time.</summary>
    public const string StaleToken = "cgi-bin/user/info";

    /// <summary><c>40164</c> every time, with the caller IP in errmsg.</summary>
    public const string IpNotWhitelisted = "cgi-bin/get_api_domain_ip";

    /// <summary>A JPEG download.</summary>
    public const string MediaDownload = "cgi-bin/media/get";

    /// <summary>The stable-token endpoint: answers a made-up token.</summary>
    public const string StableToken = "cgi-bin/stable_token";

    /// <summary>The token that <see cref="StableToken"/> issues.</summary>
    public const string IssuedToken = "FAKE_STABLE_TOKEN_0c41d2";

    /// <summary>The ordinary token endpoint (answered only in token-issuing mode).</summary>
    public const string ClientCredentialToken = "cgi-bin/token";

    /// <summary>In token-issuing mode: succeeds with the AppID that owns the token, <c>40001</c> for a stale token, <c>42001</c> for an expired one.</summary>
    public const string TokenChecked = "cgi-bin/getcallbackip";

    /// <summary>Template message sending: succeeds with a msgid above 2^53.</summary>
    public const string TemplateSend = "cgi-bin/message/template/send";

    /// <summary>The first bytes of the JPEG that <see cref="MediaDownload"/> answers.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    internal static void AddTo(FakeWeChatServer server)
    {
        server.Script(Followers, FakeResponse.Json(FollowersJson));
        server.Script(BusyOnce, FakeResponse.Error(-1, $"system error rid: {Rid}"), FakeResponse.Json("{\"tags\":[{\"id\":2,\"name\":\"星标组\",\"count\":0}]}"));
        server.Script(MinuteQuotaOnce, FakeResponse.Error(45011, $"api minute-quota reach limit, must slower, retry next minute rid: {Rid}"), FakeResponse.Json("{\"menu\":{\"button\":[]}}"));
        server.Script(DailyQuota, FakeResponse.Error(45009, $"reach max api daily quota limit rid: {Rid}"));
        server.Script(StaleToken, FakeResponse.Error(40001, $"invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: {Rid}"));
        server.Script(IpNotWhitelisted, FakeResponse.Error(40164, $"invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: {Rid}"));
        server.Script(StableToken, FakeResponse.Json($"{{\"access_token\":\"{IssuedToken}\",\"expires_in\":7200}}"));
        server.Script(TemplateSend, FakeResponse.Json("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1253912252621750272}"));
        server.Script(MediaDownload, FakeResponse.Binary(Jpeg, "image/jpeg"));
    }
}
