using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

/// <summary>
/// The third-party platform (第三方平台) side of <see cref="FakeWeChatServer"/>, enabled by <see cref="FakeWeChatServer.IssueOpenPlatformTokens"/>.
/// It pushes nothing: a test reads the tickets it issues (<see cref="LatestTicket"/>) and hands them in. It answers
/// <c>api_component_token</c>, <c>api_start_push_ticket</c>, <c>api_query_auth</c>, <c>api_authorizer_token</c> (rotating refresh
/// tokens), <c>api_get_authorizer_info</c>, <c>api_get_authorizer_list</c> and a checked business call (<see cref="CheckedPath"/>)
/// as WeChat does, and 61005, 61006, 61023 and 61003 on demand.
/// </summary>
public sealed class FakeOpenPlatform
{
    public const string ComponentToken = "cgi-bin/component/api_component_token";
    public const string StartPushTicket = "cgi-bin/component/api_start_push_ticket";
    public const string QueryAuth = "cgi-bin/component/api_query_auth";
    public const string AuthorizerToken = "cgi-bin/component/api_authorizer_token";
    public const string AuthorizerInfo = "cgi-bin/component/api_get_authorizer_info";
    public const string AuthorizerList = "cgi-bin/component/api_get_authorizer_list";

    /// <summary>A business call of an account: answers its AppID for the current authorizer token, 40001 or 42001 otherwise.</summary>
    public const string CheckedPath = "cgi-bin/openplatform/checked";

    private static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);
    private static readonly string[] Paths = [ComponentToken, StartPushTicket, QueryAuth, AuthorizerToken, AuthorizerInfo, AuthorizerList, CheckedPath];

    private readonly ConcurrentDictionary<string, Component> _components = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Authorizer> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Component, string Authorizer)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _secrets = [];
    private readonly TimeProvider _clock;
    private int _serial;
    private int _checkedCalls;
    private Func<Task>? _beforeNextComponentTokenAnswer;

    internal FakeOpenPlatform(TimeProvider clock) => _clock = clock;

    /// <summary>Gets or sets the lifetime of a new component or authorizer token, in seconds.</summary>
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Gets or sets how long the token endpoints wait before they answer, so that concurrent callers overlap.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets or sets a value indicating whether a refresh issues a new refresh token and invalidates the one it was given.</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Gets or sets what runs once before the next <c>api_component_token</c> is answered (then it is cleared), for example handing in a newer ticket.</summary>
    public Func<Task>? BeforeNextComponentTokenAnswer
    {
        get => Volatile.Read(ref _beforeNextComponentTokenAnswer);
        set => Volatile.Write(ref _beforeNextComponentTokenAnswer, value);
    }

    /// <summary>Gets every secret it issued or was given: secrets, tickets, tokens, refresh tokens, codes.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => _secrets.ToArray();

    /// <summary>Gets how many checked business calls were answered.</summary>
    public int CheckedCalls => Volatile.Read(ref _checkedCalls);

    /// <summary>Registers a platform with its secret, and issues its first ticket.</summary>
    public FakeOpenPlatform AddComponent(string componentAppId, string componentAppSecret)
    {
        _components[componentAppId] = new Component(componentAppSecret);
        _secrets.Add(componentAppSecret);
        IssueTicket(componentAppId);
        return this;
    }

    /// <summary>Registers an account that authorized the platform, with a first refresh token (<see cref="CurrentRefreshToken"/>).</summary>
    public FakeOpenPlatform AddAuthorizer(string componentAppId, string authorizerAppId)
    {
        var authorizer = new Authorizer(authorizerAppId);
        lock (authorizer)
        {
            authorizer.RefreshToken = NewSecret($"refreshtoken@@@{authorizerAppId}+");
        }

        _components[componentAppId].Authorizers[authorizerAppId] = authorizer;
        return this;
    }

    /// <summary>Issues a new ticket now, as a push would, and returns it. Older tickets stay valid for their 12 hours.</summary>
    public string IssueTicket(string componentAppId)
    {
        var component = _components[componentAppId];
        var ticket = NewSecret($"ticket@@@{componentAppId}/");
        lock (component)
        {
            component.Tickets[ticket] = _clock.GetUtcNow();
            component.LatestTicket = ticket;
        }

        return ticket;
    }

    /// <summary>Returns the newest ticket issued for the platform.</summary>
    public string LatestTicket(string componentAppId)
    {
        var component = _components[componentAppId];
        lock (component)
        {
            return component.LatestTicket!;
        }
    }

    /// <summary>Makes the next <paramref name="times"/> answers of <c>api_component_token</c> <paramref name="code"/> (61005 or 61006), whatever the ticket.</summary>
    public void FailTicketsWith(string componentAppId, int code, int times)
    {
        var component = _components[componentAppId];
        lock (component)
        {
            component.TicketFailure = (code, times);
        }
    }

    /// <summary>Expires every ticket issued so far (61005 for each).</summary>
    public void ExpireAllTickets(string componentAppId)
    {
        var component = _components[componentAppId];
        lock (component)
        {
            foreach (var ticket in component.Tickets.Keys.ToArray())
            {
                component.Tickets[ticket] = DateTimeOffset.MinValue.AddYears(1);
            }
        }
    }

    /// <summary>Creates a one-time authorization code for the account (it registers the account if it is new).</summary>
    public string CreateAuthorizationCode(string componentAppId, string authorizerAppId)
    {
        var component = _components[componentAppId];
        var authorizer = component.Authorizers.GetOrAdd(authorizerAppId, id => new Authorizer(id));
        lock (authorizer)
        {
            authorizer.Revoked = false;
            authorizer.RefreshToken = NewSecret($"refreshtoken@@@{authorizerAppId}+");
        }

        var code = NewSecret($"queryauthcode@@@{authorizerAppId}-");
        _codes[code] = (componentAppId, authorizerAppId);
        return code;
    }

    /// <summary>Returns the refresh token WeChat holds now for the account.</summary>
    public string CurrentRefreshToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            return authorizer.RefreshToken!;
        }
    }

    /// <summary>Ends the platform's token now: it answers 40001 until a new one is fetched.</summary>
    public void InvalidateComponentToken(string componentAppId)
    {
        var component = _components[componentAppId];
        lock (component)
        {
            component.Token = null;
        }
    }

    /// <summary>Ends the account's token now (40001 on calls), as a refresh elsewhere would.</summary>
    public void InvalidateAuthorizerToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.AccessToken = null;
        }
    }

    /// <summary>Expires the account's token now: it answers 42001 until it is refreshed.</summary>
    public void ExpireAuthorizerToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.ExpiresAt = _clock.GetUtcNow();
        }
    }

    /// <summary>Replaces the account's refresh token by a new one that only <c>api_get_authorizer_info</c> reveals: the stored one answers 61023.</summary>
    public void InvalidateRefreshToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.RefreshToken = NewSecret($"refreshtoken@@@{authorizerAppId}+");
        }
    }

    /// <summary>Makes every refresh token of the account invalid, including the one <c>api_get_authorizer_info</c> returns (61023 for good).</summary>
    public void BreakRefreshTokens(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.RefreshBroken = true;
        }
    }

    /// <summary>Makes every checked call of the account answer 40001, its current token too: a token error no refresh heals.</summary>
    public void RefuseAuthorizerTokens(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.Refused = true;
        }
    }

    /// <summary>The account revokes the authorization: 61003 on refresh and info.</summary>
    public void Revoke(string componentAppId, string authorizerAppId)
    {
        var authorizer = _components[componentAppId].Authorizers[authorizerAppId];
        lock (authorizer)
        {
            authorizer.Revoked = true;
            authorizer.AccessToken = null;
        }
    }

    public int ComponentTokenFetches(string componentAppId) => Volatile.Read(ref _components[componentAppId].Fetches);

    public int PushTicketCalls(string componentAppId) => Volatile.Read(ref _components[componentAppId].PushCalls);

    public int QueryAuthCalls(string componentAppId) => Volatile.Read(ref _components[componentAppId].QueryAuthCalls);

    public int AuthorizerRefreshes(string componentAppId, string authorizerAppId) => Volatile.Read(ref _components[componentAppId].Authorizers[authorizerAppId].Refreshes);

    public int AuthorizerInfoCalls(string componentAppId, string authorizerAppId) => Volatile.Read(ref _components[componentAppId].Authorizers[authorizerAppId].InfoCalls);

    internal static bool Answers(string path) => Array.IndexOf(Paths, path.TrimStart('/')) >= 0;

    internal async Task AnswerAsync(HttpContext context, string path)
    {
        path = path.TrimStart('/');
        if (path == CheckedPath)
        {
            await AnswerCheckedAsync(context).ConfigureAwait(false);
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ConfigureAwait(false);
        }

        using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var body = json.RootElement;
        var componentAppId = Text(body, "component_appid");
        if (componentAppId is null || !_components.TryGetValue(componentAppId, out var component))
        {
            await ErrorAsync(context, 40013, "invalid appid").ConfigureAwait(false);
            return;
        }

        if (path == ComponentToken)
        {
            await AnswerComponentTokenAsync(context, componentAppId, component, body).ConfigureAwait(false);
        }
        else if (path == StartPushTicket)
        {
            Interlocked.Increment(ref component.PushCalls);
            await (Text(body, "component_secret") == component.Secret
                ? WriteAsync(context, "{\"errcode\":0,\"errmsg\":\"ok\"}")
                : ErrorAsync(context, 40125, "invalid appsecret")).ConfigureAwait(false);
        }
        else if (CheckComponentToken(context, component) is { } tokenError)
        {
            await ErrorAsync(context, tokenError.Code, tokenError.Message).ConfigureAwait(false);
        }
        else if (path == QueryAuth)
        {
            await AnswerQueryAuthAsync(context, componentAppId, component, body).ConfigureAwait(false);
        }
        else if (path == AuthorizerToken)
        {
            await AnswerAuthorizerTokenAsync(context, component, body).ConfigureAwait(false);
        }
        else if (path == AuthorizerInfo)
        {
            await AnswerAuthorizerInfoAsync(context, component, body).ConfigureAwait(false);
        }
        else
        {
            var list = string.Join(",", component.Authorizers.Values.Select(a => $"{{\"authorizer_appid\":\"{a.AppId}\",\"auth_time\":1764600000}}"));
            await WriteAsync(context, $"{{\"total_count\":{component.Authorizers.Count},\"list\":[{list}]}}").ConfigureAwait(false);
        }
    }

    private async Task AnswerComponentTokenAsync(HttpContext context, string componentAppId, Component component, JsonElement body)
    {
        Interlocked.Increment(ref component.Fetches);
        if (Interlocked.Exchange(ref _beforeNextComponentTokenAnswer, null) is { } before)
        {
            await before().ConfigureAwait(false);
        }

        if (Text(body, "component_appsecret") != component.Secret)
        {
            await ErrorAsync(context, 40125, "invalid appsecret").ConfigureAwait(false);
            return;
        }

        var ticket = Text(body, "component_verify_ticket");
        (int Code, string Message)? error = null;
        string token;
        lock (component)
        {
            var now = _clock.GetUtcNow();
            if (component.TicketFailure is { Times: > 0 } failure)
            {
                component.TicketFailure = (failure.Code, failure.Times - 1);
                error = failure.Code == 61005 ? (61005, "component ticket is expired") : (61006, "component ticket is invalid");
            }
            else if (ticket is null || !component.Tickets.TryGetValue(ticket, out var issuedAt))
            {
                error = (61006, "component ticket is invalid");
            }
            else if (now - issuedAt >= TicketLifetime)
            {
                error = (61005, "component ticket is expired");
            }

            if (error is null)
            {
                component.Token = NewSecret($"componenttoken@@@{componentAppId}-");
                component.ExpiresAt = now.AddSeconds(ExpiresIn);
            }

            token = component.Token ?? string.Empty;
        }

        await (error is { } e
            ? ErrorAsync(context, e.Code, e.Message)
            : WriteAsync(context, $"{{\"component_access_token\":\"{token}\",\"expires_in\":{ExpiresIn.ToString(CultureInfo.InvariantCulture)}}}")).ConfigureAwait(false);
    }

    private async Task AnswerQueryAuthAsync(HttpContext context, string componentAppId, Component component, JsonElement body)
    {
        Interlocked.Increment(ref component.QueryAuthCalls);
        var code = Text(body, "authorization_code");
        if (code is null || !_codes.TryRemove(code, out var owner) || owner.Component != componentAppId)
        {
            await ErrorAsync(context, 61010, "code is expired").ConfigureAwait(false);
            return;
        }

        var authorizer = component.Authorizers[owner.Authorizer];
        string accessToken, refreshToken;
        lock (authorizer)
        {
            accessToken = IssueAccessToken(authorizer);
            refreshToken = authorizer.RefreshToken!;
        }

        await WriteAsync(context,
            $"{{\"authorization_info\":{{\"authorizer_appid\":\"{authorizer.AppId}\",\"authorizer_access_token\":\"{accessToken}\",\"expires_in\":{ExpiresIn.ToString(CultureInfo.InvariantCulture)}," +
            $"\"authorizer_refresh_token\":\"{refreshToken}\",\"func_info\":[{{\"funcscope_category\":{{\"id\":1}}}},{{\"funcscope_category\":{{\"id\":15}}}}]}}}}").ConfigureAwait(false);
    }

    private async Task AnswerAuthorizerTokenAsync(HttpContext context, Component component, JsonElement body)
    {
        var authorizerAppId = Text(body, "authorizer_appid");
        if (authorizerAppId is null || !component.Authorizers.TryGetValue(authorizerAppId, out var authorizer))
        {
            await ErrorAsync(context, 61003, "component is not authorized by this account").ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref authorizer.Refreshes);
        (int Code, string Message)? error = null;
        string accessToken = string.Empty, refreshToken = string.Empty;
        lock (authorizer)
        {
            if (authorizer.Revoked)
            {
                error = (61003, "component is not authorized by this account");
            }
            else if (authorizer.RefreshBroken || Text(body, "authorizer_refresh_token") != authorizer.RefreshToken)
            {
                error = (61023, "refresh_token is invalid");
            }
            else
            {
                accessToken = IssueAccessToken(authorizer);
                if (RotateRefreshTokens)
                {
                    authorizer.RefreshToken = NewSecret($"refreshtoken@@@{authorizer.AppId}+");
                }

                refreshToken = authorizer.RefreshToken!;
            }
        }

        await (error is { } e
            ? ErrorAsync(context, e.Code, e.Message)
            : WriteAsync(context, $"{{\"authorizer_access_token\":\"{accessToken}\",\"expires_in\":{ExpiresIn.ToString(CultureInfo.InvariantCulture)},\"authorizer_refresh_token\":\"{refreshToken}\"}}")).ConfigureAwait(false);
    }

    private async Task AnswerAuthorizerInfoAsync(HttpContext context, Component component, JsonElement body)
    {
        var authorizerAppId = Text(body, "authorizer_appid");
        if (authorizerAppId is null || !component.Authorizers.TryGetValue(authorizerAppId, out var authorizer))
        {
            await ErrorAsync(context, 61003, "component is not authorized by this account").ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref authorizer.InfoCalls);
        string? refreshToken;
        bool revoked;
        lock (authorizer)
        {
            revoked = authorizer.Revoked;
            refreshToken = authorizer.RefreshToken;
        }

        await (revoked
            ? ErrorAsync(context, 61003, "component is not authorized by this account")
            : WriteAsync(context,
                $"{{\"authorizer_info\":{{\"nick_name\":\"Fake account {authorizer.AppId}\",\"user_name\":\"gh_{authorizer.AppId}\"}}," +
                $"\"authorization_info\":{{\"authorizer_appid\":\"{authorizer.AppId}\",\"authorizer_refresh_token\":\"{refreshToken}\",\"func_info\":[]}}}}")).ConfigureAwait(false);
    }

    private async Task AnswerCheckedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _checkedCalls);
        string? token = context.Request.Query["access_token"];
        if (string.IsNullOrEmpty(token))
        {
            await ErrorAsync(context, 41001, "access_token missing").ConfigureAwait(false);
            return;
        }

        if (!_accessTokens.TryGetValue(token, out var authorizer))
        {
            await ErrorAsync(context, 40001, "invalid credential, access_token is invalid or not latest").ConfigureAwait(false);
            return;
        }

        (int Code, string Message)? error;
        lock (authorizer)
        {
            error = authorizer.Refused || authorizer.AccessToken != token ? (40001, "invalid credential, access_token is invalid or not latest")
                : _clock.GetUtcNow() >= authorizer.ExpiresAt ? (42001, "access_token expired")
                : null;
        }

        await (error is { } e ? ErrorAsync(context, e.Code, e.Message) : WriteAsync(context, $"{{\"errcode\":0,\"errmsg\":\"ok\",\"authorizer_appid\":\"{authorizer.AppId}\"}}")).ConfigureAwait(false);
    }

    private (int Code, string Message)? CheckComponentToken(HttpContext context, Component component)
    {
        string? token = context.Request.Query["component_access_token"];
        lock (component)
        {
            return string.IsNullOrEmpty(token) ? (41001, "access_token missing")
                : token != component.Token ? (40001, "invalid credential, access_token is invalid or not latest")
                : _clock.GetUtcNow() >= component.ExpiresAt ? (42001, "access_token expired")
                : null;
        }
    }

    /// <summary>Issues a new access token for the account; the previous one answers 40001. Called under the account's lock.</summary>
    private string IssueAccessToken(Authorizer authorizer)
    {
        var token = NewSecret($"authorizertoken@@@{authorizer.AppId}-");
        authorizer.AccessToken = token;
        authorizer.ExpiresAt = _clock.GetUtcNow().AddSeconds(ExpiresIn);
        _accessTokens[token] = authorizer;
        return token;
    }

    private string NewSecret(string prefix)
    {
        var secret = $"{prefix}{Interlocked.Increment(ref _serial):D4}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, prefix.Length + 36)];
        _secrets.Add(secret);
        return secret;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) =>
        WriteAsync(context, $"{{\"errcode\":{code},\"errmsg\":\"{message} rid: {FakeWeChatScenarios.Rid}\"}}");

    private sealed class Component(string secret)
    {
        public int Fetches;
        public int PushCalls;
        public int QueryAuthCalls;

        public string Secret { get; } = secret;

        public Dictionary<string, DateTimeOffset> Tickets { get; } = new(StringComparer.Ordinal);

        public string? LatestTicket { get; set; }

        public (int Code, int Times)? TicketFailure { get; set; }

        public string? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public ConcurrentDictionary<string, Authorizer> Authorizers { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Authorizer(string appId)
    {
        public int Refreshes;
        public int InfoCalls;

        public string AppId { get; } = appId;

        public string? RefreshToken { get; set; }

        public string? AccessToken { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public bool Revoked { get; set; }

        public bool RefreshBroken { get; set; }

        public bool Refused { get; set; }
    }
}
