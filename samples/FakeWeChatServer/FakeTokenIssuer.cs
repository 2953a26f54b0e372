using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

/// <summary>
/// The token side of <see cref="FakeWeChatServer"/>: issues access tokens per AppID on <c>cgi-bin/stable_token</c> and
/// <c>cgi-bin/token</c>, expires them on its clock, and answers <see cref="FakeWeChatScenarios.TokenChecked"/> with
/// <c>40001</c> for a stale token and <c>42001</c> for an expired one. Enabled by <see cref="FakeWeChatServer.IssueTokens"/>.
/// </summary>
public sealed class FakeTokenIssuer
{
    private readonly ConcurrentDictionary<string, App> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _serial;

    internal FakeTokenIssuer(TimeProvider clock) => _clock = clock;

    /// <summary>Gets or sets the lifetime of a new token, in seconds.</summary>
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Gets or sets an error that both token endpoints answer instead of a token, or <see langword="null"/>.</summary>
    public (int Code, string Message)? FetchError { get; set; }

    /// <summary>Registers an app and its secret.</summary>
    public FakeTokenIssuer AddApp(string appId, string secret)
    {
        _apps[appId] = new App(secret);
        return this;
    }

    /// <summary>Returns how many token requests of <paramref name="appId"/> were answered (errors included).</summary>
    public int FetchesOf(string appId) => _apps.TryGetValue(appId, out var app) ? Volatile.Read(ref app.Fetches) : 0;

    /// <summary>Returns how many stable-token requests of <paramref name="appId"/> asked for <c>force_refresh: true</c>.</summary>
    public int ForcedRefreshesOf(string appId) => _apps.TryGetValue(appId, out var app) ? Volatile.Read(ref app.Forced) : 0;

    /// <summary>Returns every token issued so far (to scan logs and exceptions for them).</summary>
    public IReadOnlyCollection<string> IssuedTokens => _owners.Keys.ToArray();

    /// <summary>Issues a new token to <paramref name="appId"/> behind the caller's back, as another server's forced refresh
    /// would: the previous one answers <c>40001</c> from now on.</summary>
    public string Rotate(string appId)
    {
        var app = _apps[appId];
        lock (app)
        {
            return Issue(appId, app);
        }
    }

    internal static bool Answers(string path) =>
        path is "/" + FakeWeChatScenarios.StableToken or "/" + FakeWeChatScenarios.ClientCredentialToken or "/" + FakeWeChatScenarios.TokenChecked;

    internal Task AnswerAsync(HttpContext context, string path) => path switch
    {
        "/" + FakeWeChatScenarios.StableToken => AnswerTokenAsync(context, stable: true),
        "/" + FakeWeChatScenarios.ClientCredentialToken => AnswerTokenAsync(context, stable: false),
        _ => AnswerCheckedAsync(context),
    };

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; encoding=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) =>
        WriteAsync(context, $"{{\"errcode\":{code},\"errmsg\":\"{message} rid: {FakeWeChatScenarios.Rid}\"}}");

    private async Task AnswerTokenAsync(HttpContext context, bool stable)
    {
        string? appId, secret;
        var force = false;
        if (stable)
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                await ErrorAsync(context, 43002, "require POST method").ConfigureAwait(false);
                return;
            }

            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            appId = json.RootElement.TryGetProperty("appid", out var a) ? a.GetString() : null;
            secret = json.RootElement.TryGetProperty("secret", out var s) ? s.GetString() : null;
            force = json.RootElement.TryGetProperty("force_refresh", out var f) && f.ValueKind == JsonValueKind.True;
        }
        else
        {
            appId = context.Request.Query["appid"];
            secret = context.Request.Query["secret"];
        }

        if (appId is null || !_apps.TryGetValue(appId, out var app))
        {
            await ErrorAsync(context, 40013, "invalid appid").ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref app.Fetches);
        if (force)
        {
            Interlocked.Increment(ref app.Forced);
        }

        if (FetchError is { } error)
        {
            await ErrorAsync(context, error.Code, error.Message).ConfigureAwait(false);
            return;
        }

        if (secret != app.Secret)
        {
            // A wrong secret: 40125 on stable_token, 40001 on cgi-bin/token (as WeChat answers).
            await (stable ? ErrorAsync(context, 40125, "invalid appsecret") : ErrorAsync(context, 40001, "invalid credential, access_token is invalid or not latest")).ConfigureAwait(false);
            return;
        }

        string token;
        DateTimeOffset expires;
        lock (app)
        {
            var now = _clock.GetUtcNow();

            // Normal mode returns the current token until its last 5 minutes; cgi-bin/token and a forced refresh always issue a new one.
            if (!stable || force || app.Token is null || app.ExpiresAt - now <= TimeSpan.FromMinutes(5))
            {
                Issue(appId, app);
            }

            token = app.Token!;
            expires = app.ExpiresAt;
        }

        var expiresIn = (int)Math.Ceiling((expires - _clock.GetUtcNow()).TotalSeconds);
        await WriteAsync(context, $"{{\"access_token\":\"{token}\",\"expires_in\":{expiresIn.ToString(CultureInfo.InvariantCulture)}}}").ConfigureAwait(false);
    }

    private async Task AnswerCheckedAsync(HttpContext context)
    {
        string? token = context.Request.Query["access_token"];
        if (string.IsNullOrEmpty(token))
        {
            await ErrorAsync(context, 41001, "access_token missing").ConfigureAwait(false);
            return;
        }

        if (!_owners.TryGetValue(token, out var appId) || _apps[appId].Token != token)
        {
            await ErrorAsync(context, 40001, "invalid credential, access_token is invalid or not latest").ConfigureAwait(false);
            return;
        }

        if (_clock.GetUtcNow() >= _apps[appId].ExpiresAt)
        {
            await ErrorAsync(context, 42001, "access_token expired").ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, $"{{\"appid\":\"{appId}\",\"ip_list\":[\"101.226.103.0/25\"]}}").ConfigureAwait(false);
    }

    private string Issue(string appId, App app)
    {
        var serial = Interlocked.Increment(ref _serial);
        var token = $"FAKE_TOKEN_{appId}_{serial:D4}_{Guid.NewGuid():N}";
        app.Token = token;
        app.ExpiresAt = _clock.GetUtcNow().AddSeconds(ExpiresIn);
        _owners[token] = appId;
        return token;
    }

    private sealed class App(string secret)
    {
        public int Fetches;
        public int Forced;

        public string Secret { get; } = secret;

        public string? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
