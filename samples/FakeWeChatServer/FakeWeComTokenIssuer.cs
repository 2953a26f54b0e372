using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

/// <summary>
/// The WeCom token side of <see cref="FakeWeChatServer"/>: <see cref="FakeWeComScenarios.GetToken"/> issues tokens per corp and
/// application secret as WeCom does (the same token while it is valid), and <see cref="FakeWeComScenarios.TokenChecked"/> answers
/// <c>40014</c> for a token that is not the current one and <c>42001</c> for an expired one. Enabled by
/// <see cref="FakeWeChatServer.IssueWeComTokens"/>.
/// </summary>
public sealed class FakeWeComTokenIssuer
{
    private readonly ConcurrentDictionary<(string CorpId, string Secret), App> _apps = new();
    private readonly ConcurrentDictionary<string, App> _owners = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _serial;
    private int _refused;

    internal FakeWeComTokenIssuer(TimeProvider clock) => _clock = clock;

    /// <summary>Gets or sets the lifetime of a new token, in seconds.</summary>
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Gets or sets how long <c>gettoken</c> waits before it answers, so that concurrent callers overlap.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets every token issued so far (to scan logs and exceptions for them).</summary>
    public IReadOnlyCollection<string> IssuedTokens => _owners.Keys.ToArray();

    /// <summary>Registers an application of a corp by its secret, under a name used in the token and the checked answer.</summary>
    public FakeWeComTokenIssuer AddApp(string corpId, string secret, string app)
    {
        _apps[(corpId, secret)] = new App(corpId, app);
        return this;
    }

    /// <summary>Returns how many <c>gettoken</c> requests with this corp and secret were answered (errors included).</summary>
    public int FetchesOf(string corpId, string secret) => _apps.TryGetValue((corpId, secret), out var app) ? Volatile.Read(ref app.Fetches) : 0;

    /// <summary>Gets how many <c>gettoken</c> requests named an unknown corp or a wrong secret.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Invalidates the application's token early, as WeCom may: the next <c>gettoken</c> issues a new one and the old one answers <c>40014</c>.</summary>
    public void Invalidate(string corpId, string secret)
    {
        var app = _apps[(corpId, secret)];
        lock (app)
        {
            app.Token = null;
        }
    }

    /// <summary>Expires the application's token now, whatever its <c>expires_in</c> said: it answers <c>42001</c> until a new one is fetched.</summary>
    public void Expire(string corpId, string secret)
    {
        var app = _apps[(corpId, secret)];
        lock (app)
        {
            app.ExpiresAt = _clock.GetUtcNow();
        }
    }

    internal static bool Answers(string path) => path is "/" + FakeWeComScenarios.GetToken or "/" + FakeWeComScenarios.TokenChecked;

    internal Task AnswerAsync(HttpContext context, string path) =>
        path == "/" + FakeWeComScenarios.GetToken ? AnswerTokenAsync(context) : AnswerCheckedAsync(context);

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) =>
        WriteAsync(context, $"{{\"errcode\":{code},\"errmsg\":\"{message}, hint: [{FakeWeComScenarios.Hint}], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e={code}\"}}");

    private async Task AnswerTokenAsync(HttpContext context)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ConfigureAwait(false);
        }

        string corpId = context.Request.Query["corpid"].ToString();
        string secret = context.Request.Query["corpsecret"].ToString();
        if (!_apps.TryGetValue((corpId, secret), out var app))
        {
            Interlocked.Increment(ref _refused);
            await (_apps.Keys.Any(k => k.CorpId == corpId) ? ErrorAsync(context, 40001, "invalid secret") : ErrorAsync(context, 40013, "invalid corpid")).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref app.Fetches);
        string token;
        DateTimeOffset expires;
        lock (app)
        {
            var now = _clock.GetUtcNow();
            if (app.Token is null || now >= app.ExpiresAt)
            {
                token = $"FAKE_WECOM_TOKEN_{app.Name}_{Interlocked.Increment(ref _serial):D4}_{Guid.NewGuid():N}";
                app.Token = token;
                app.ExpiresAt = now.AddSeconds(ExpiresIn);
                _owners[token] = app;
            }

            token = app.Token;
            expires = app.ExpiresAt;
        }

        var expiresIn = (int)Math.Ceiling((expires - _clock.GetUtcNow()).TotalSeconds);
        await WriteAsync(context, $"{{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"{token}\",\"expires_in\":{expiresIn.ToString(CultureInfo.InvariantCulture)}}}").ConfigureAwait(false);
    }

    private async Task AnswerCheckedAsync(HttpContext context)
    {
        string token = context.Request.Query["access_token"].ToString();
        if (token.Length == 0)
        {
            await ErrorAsync(context, 41001, "access_token missing").ConfigureAwait(false);
            return;
        }

        if (!_owners.TryGetValue(token, out var app))
        {
            await ErrorAsync(context, 40014, "invalid access_token").ConfigureAwait(false);
            return;
        }

        string? current;
        DateTimeOffset expires;
        lock (app)
        {
            current = app.Token;
            expires = app.ExpiresAt;
        }

        if (current != token)
        {
            await ErrorAsync(context, 40014, "invalid access_token").ConfigureAwait(false);
        }
        else if (_clock.GetUtcNow() >= expires)
        {
            await ErrorAsync(context, 42001, "access_token expired").ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(context, $"{{\"errcode\":0,\"errmsg\":\"ok\",\"corpid\":\"{app.CorpId}\",\"app\":\"{app.Name}\",\"ip_list\":[\"182.254.11.176\"]}}").ConfigureAwait(false);
        }
    }

    private sealed class App(string corpId, string name)
    {
        public int Fetches;

        public string CorpId { get; } = corpId;

        public string Name { get; } = name;

        public string? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
