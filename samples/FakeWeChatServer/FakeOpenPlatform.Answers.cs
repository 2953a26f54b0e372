using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

/// <summary>How the fake platform answers each path, in WeChat's formats and codes.</summary>
public sealed partial class FakeOpenPlatform
{
    private const string StaleToken = "invalid credential, access_token is invalid or not latest";
    private const string NotAuthorized = "component is not authorized by this account";
    private const int MaxListCount = 500;

    private static readonly string[] Paths = [ComponentToken, StartPushTicket, QueryAuth, AuthorizerToken, AuthorizerInfo, AuthorizerList, CheckedPath];

    private string ExpiresInText => ExpiresIn.ToString(CultureInfo.InvariantCulture);

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

        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, 47001, "data format error").ConfigureAwait(false);
            return;
        }

        using (json)
        {
            await AnswerAsync(context, path, json.RootElement).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpContext context, string path, JsonElement body)
    {
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
            if (Text(body, "component_secret") != component.Secret)
            {
                await ErrorAsync(context, 40125, "invalid appsecret").ConfigureAwait(false);
                return;
            }

            IssueTicket(componentAppId);
            await WriteAsync(context, "{\"errcode\":0,\"errmsg\":\"ok\"}").ConfigureAwait(false);
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
            await AnswerAuthorizerListAsync(context, component, body).ConfigureAwait(false);
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
        var token = string.Empty;
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
            else
            {
                if (!PreviousComponentTokenStaysValid)
                {
                    component.Tokens.Clear();
                }

                token = NewSecret($"componenttoken@@@{componentAppId}+");
                component.Tokens[token] = now.AddSeconds(ExpiresIn);
            }
        }

        await (error is { } e
            ? ErrorAsync(context, e.Code, e.Message)
            : WriteAsync(context, $"{{\"component_access_token\":\"{token}\",\"expires_in\":{ExpiresInText}}}")).ConfigureAwait(false);
    }

    private async Task AnswerQueryAuthAsync(HttpContext context, string componentAppId, Component component, JsonElement body)
    {
        Interlocked.Increment(ref component.QueryAuthCalls);
        var code = Text(body, "authorization_code");
        if (code is null || !_codes.TryGetValue(code, out var owner) || owner.ComponentAppId != componentAppId || !_codes.TryRemove(code, out _)
            || _clock.GetUtcNow() >= owner.ExpiresAt || !component.Authorizers.TryGetValue(owner.AuthorizerAppId, out var authorizer))
        {
            await ErrorAsync(context, 61010, "code is expired").ConfigureAwait(false);
            return;
        }

        string accessToken, refreshToken;
        lock (authorizer)
        {
            accessToken = IssueAccessToken(authorizer);
            refreshToken = authorizer.RefreshToken!;
        }

        await WriteAsync(context,
            $"{{\"authorization_info\":{{\"authorizer_appid\":\"{authorizer.AppId}\",\"authorizer_access_token\":\"{accessToken}\",\"expires_in\":{ExpiresInText}," +
            $"\"authorizer_refresh_token\":\"{refreshToken}\",\"func_info\":[{{\"funcscope_category\":{{\"id\":1}}}},{{\"funcscope_category\":{{\"id\":15}}}}]}}}}").ConfigureAwait(false);
    }

    private async Task AnswerAuthorizerTokenAsync(HttpContext context, Component component, JsonElement body)
    {
        var authorizerAppId = Text(body, "authorizer_appid");
        if (authorizerAppId is null || !component.Authorizers.TryGetValue(authorizerAppId, out var authorizer))
        {
            await ErrorAsync(context, 61003, NotAuthorized).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref authorizer.Refreshes);
        (int Code, string Message)? error = null;
        string accessToken = string.Empty, refreshToken = string.Empty;
        lock (authorizer)
        {
            if (authorizer.Revoked)
            {
                error = (61003, NotAuthorized);
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
                    authorizer.RefreshToken = NewRefreshToken(authorizer.AppId);
                }

                refreshToken = authorizer.RefreshToken!;
            }
        }

        await (error is { } e
            ? ErrorAsync(context, e.Code, e.Message)
            : WriteAsync(context, $"{{\"authorizer_access_token\":\"{accessToken}\",\"expires_in\":{ExpiresInText},\"authorizer_refresh_token\":\"{refreshToken}\"}}")).ConfigureAwait(false);
    }

    private async Task AnswerAuthorizerInfoAsync(HttpContext context, Component component, JsonElement body)
    {
        var authorizerAppId = Text(body, "authorizer_appid");
        if (authorizerAppId is null || !component.Authorizers.TryGetValue(authorizerAppId, out var authorizer))
        {
            await ErrorAsync(context, 61003, NotAuthorized).ConfigureAwait(false);
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
            ? ErrorAsync(context, 61003, NotAuthorized)
            : WriteAsync(context,
                $"{{\"authorizer_info\":{{\"nick_name\":\"Fake account {authorizer.AppId}\",\"user_name\":\"gh_{authorizer.AppId}\",\"service_type_info\":{{\"id\":2}},\"verify_type_info\":{{\"id\":0}}}}," +
                $"\"authorization_info\":{{\"authorizer_appid\":\"{authorizer.AppId}\",\"authorizer_refresh_token\":\"{refreshToken}\",\"func_info\":[]}}}}")).ConfigureAwait(false);
    }

    private async Task AnswerAuthorizerListAsync(HttpContext context, Component component, JsonElement body)
    {
        var offset = Math.Max(0, Number(body, "offset") ?? 0);
        var count = Math.Clamp(Number(body, "count") ?? MaxListCount, 0, MaxListCount);
        var entries = new List<(DateTimeOffset AuthorizedAt, string AppId, string RefreshToken)>();
        foreach (var authorizer in component.Authorizers.Values)
        {
            lock (authorizer)
            {
                if (!authorizer.Revoked)
                {
                    entries.Add((authorizer.AuthorizedAt, authorizer.AppId, authorizer.RefreshToken!));
                }
            }
        }

        entries.Sort((a, b) => a.AuthorizedAt != b.AuthorizedAt ? a.AuthorizedAt.CompareTo(b.AuthorizedAt) : string.CompareOrdinal(a.AppId, b.AppId));
        var list = new StringBuilder();
        foreach (var entry in entries.Skip(offset).Take(count))
        {
            list.Append(list.Length == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"authorizer_appid\":\"{entry.AppId}\",\"refresh_token\":\"{entry.RefreshToken}\",\"auth_time\":{entry.AuthorizedAt.ToUnixTimeSeconds()}}}");
        }

        await WriteAsync(context, $"{{\"total_count\":{entries.Count.ToString(CultureInfo.InvariantCulture)},\"list\":[{list}]}}").ConfigureAwait(false);
    }

    private async Task AnswerCheckedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _checkedCalls);
        string token = context.Request.Query["access_token"].ToString();
        if (token.Length == 0)
        {
            await ErrorAsync(context, 41001, "access_token missing").ConfigureAwait(false);
            return;
        }

        if (!_accessTokens.TryGetValue(token, out var authorizer))
        {
            await ErrorAsync(context, 40001, StaleToken).ConfigureAwait(false);
            return;
        }

        (int Code, string Message)? error;
        lock (authorizer)
        {
            error = authorizer.Refused || !authorizer.AccessTokens.TryGetValue(token, out var expiresAt) ? (40001, StaleToken)
                : _clock.GetUtcNow() >= expiresAt ? (42001, "access_token expired")
                : null;
        }

        await (error is { } e
            ? ErrorAsync(context, e.Code, e.Message)
            : WriteAsync(context, $"{{\"errcode\":0,\"errmsg\":\"ok\",\"authorizer_appid\":\"{authorizer.AppId}\"}}")).ConfigureAwait(false);
    }

    private (int Code, string Message)? CheckComponentToken(HttpContext context, Component component)
    {
        string token = context.Request.Query["component_access_token"].ToString();
        lock (component)
        {
            return token.Length == 0 ? (41001, "access_token missing")
                : !component.Tokens.TryGetValue(token, out var expiresAt) ? (40001, StaleToken)
                : _clock.GetUtcNow() >= expiresAt ? (42001, "access_token expired")
                : null;
        }
    }

    /// <summary>Issues a new access token for the account; earlier ones answer 40001 unless they stay valid. Called under the account's lock.</summary>
    private string IssueAccessToken(Authorizer authorizer)
    {
        if (!PreviousAuthorizerTokenStaysValid)
        {
            authorizer.AccessTokens.Clear();
        }

        var token = NewSecret($"authorizertoken@@@{authorizer.AppId}+");
        authorizer.AccessTokens[token] = _clock.GetUtcNow().AddSeconds(ExpiresIn);
        _accessTokens[token] = authorizer;
        return token;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) =>
        WriteAsync(context, $"{{\"errcode\":{code.ToString(CultureInfo.InvariantCulture)},\"errmsg\":\"{message} rid: {FakeWeChatScenarios.Rid}\"}}");
}
