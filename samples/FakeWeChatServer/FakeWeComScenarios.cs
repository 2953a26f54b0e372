namespace FakeWeChat;

/// <summary>
/// The WeCom (企业微信) side of <see cref="FakeWeChatServer"/>: paths under <see cref="Prefix"/> answer as
/// <c>qyapi.weixin.qq.com</c> does, with WeCom's codes and errmsg format (a hint, the caller IP and a link). A client reads them
/// as WeCom answers when <c>WeComHosts</c> holds <see cref="WeComHost(Uri)"/>.
/// </summary>
public static class FakeWeComScenarios
{
    /// <summary>The path prefix the WeCom API is served under, as a proxy would serve it beside WeChat.</summary>
    public const string Prefix = "qyapi/";

    /// <summary>A made-up request hint, in WeCom's format.</summary>
    public const string Hint = "1764547200_92_5c0b3a1e2f";

    /// <summary>The member answered by <see cref="UserGet"/>.</summary>
    public const string UserJson = "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"zhangsan\",\"name\":\"张三\",\"department\":[1,2]}";

    /// <summary>Success (<c>errcode</c> 0).</summary>
    public const string UserGet = Prefix + "cgi-bin/user/get";

    /// <summary><c>-1</c> once, then success.</summary>
    public const string BusyOnce = Prefix + "cgi-bin/department/list";

    /// <summary><c>6000</c> (data version conflict) once, then success.</summary>
    public const string ConflictOnce = Prefix + "cgi-bin/externalcontact/remark";

    /// <summary><c>45033</c> (concurrency limit) once, then success.</summary>
    public const string ConcurrencyLimitOnce = Prefix + "cgi-bin/externalcontact/list";

    /// <summary><c>45009</c> (frequency limit) every time.</summary>
    public const string FrequencyLimited = Prefix + "cgi-bin/tag/list";

    /// <summary><c>40001</c> (wrong corpsecret) every time.</summary>
    public const string WrongSecret = Prefix + "cgi-bin/agent/get";

    /// <summary><c>60020</c> (untrusted caller IP) every time, with the IP in errmsg.</summary>
    public const string UntrustedIp = Prefix + "cgi-bin/agent/list";

    /// <summary>The token endpoint (answered only in WeCom token-issuing mode, <see cref="FakeWeChatServer.IssueWeComTokens"/>).</summary>
    public const string GetToken = Prefix + "cgi-bin/gettoken";

    /// <summary>In WeCom token-issuing mode: succeeds with the corp and application of the token, <c>40014</c> for a token that is not current, <c>42001</c> for an expired one.</summary>
    public const string TokenChecked = Prefix + "cgi-bin/get_api_domain_ip";

    /// <summary>Returns the <c>WeComHosts</c> entry that makes a client read the fake server's WeCom paths as WeCom: host, port and prefix.</summary>
    public static string WeComHost(Uri baseAddress) => baseAddress.Authority + "/" + Prefix.TrimEnd('/');

    /// <summary>A WeCom error body: <c>errmsg</c> with the hint, the caller IP and the error-code query link.</summary>
    public static FakeResponse Error(int errcode, string errmsg) =>
        FakeResponse.Error(errcode, $"{errmsg}, hint: [{Hint}], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e={errcode}");

    internal static void AddTo(FakeWeChatServer server)
    {
        server.Script(UserGet, FakeResponse.Json(UserJson));
        server.Script(BusyOnce, Error(-1, "system busy"), FakeResponse.Json("{\"errcode\":0,\"errmsg\":\"ok\",\"department\":[{\"id\":1,\"name\":\"总部\"}]}"));
        server.Script(ConflictOnce, Error(6000, "data version conflict"), FakeResponse.Json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        server.Script(ConcurrencyLimitOnce, Error(45033, "api concurrent out of limit"), FakeResponse.Json("{\"errcode\":0,\"errmsg\":\"ok\",\"external_userid\":[\"wmqfasd1e1927831123109rBAAAA\"]}"));
        server.Script(FrequencyLimited, Error(45009, "api freq out of limit"));
        server.Script(WrongSecret, Error(40001, "invalid secret"));
        server.Script(UntrustedIp, Error(60020, "not allow to access from your ip"));
    }
}
