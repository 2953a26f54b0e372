using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The open platform's token calls. The platform's own ones (<c>api_component_token</c>, <c>api_start_push_ticket</c>) go through a
/// client with error handling and no token supply; the calls for an account go through the platform's component client, which
/// supplies and recovers the <c>component_access_token</c>. A WeChat error surfaces as the typed exception of its code.
/// </summary>
/// <remarks>Secrets travel only in request bodies; an answer that cannot be read is reported without quoting it (it may hold a token).</remarks>
internal sealed class OpenPlatformEndpointClient(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
{
    public async Task<CachedAccessToken> FetchComponentTokenAsync(WeChatOpenPlatformOptions options, string ticket)
    {
        using var document = await PostAsync(WeChatOpenPlatformDefaults.PlatformClientName, options, WeChatOpenPlatformDefaults.ComponentTokenPath, writer =>
        {
            writer.WriteString("component_appid", options.ComponentAppId);
            writer.WriteString("component_appsecret", options.ComponentAppSecret);
            writer.WriteString("component_verify_ticket", ticket);
        }).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var token = RequiredString(document.RootElement, "component_access_token");
        var expiresIn = ExpiresIn(document.RootElement);
        WeChatErrorsLog.ComponentTokenFetched(logger, options.ComponentAppId, TimeSpan.FromSeconds(expiresIn));
        return CachedAccessToken.Create(token, now, now.AddSeconds(expiresIn), options.RefreshBeforeExpiry);
    }

    /// <summary>Asks WeChat to push a new ticket now; returns whether it accepted. A failure is logged, not thrown: the caller's error says more.</summary>
    public async Task<bool> StartPushTicketAsync(WeChatOpenPlatformOptions options)
    {
        try
        {
            using var document = await PostAsync(WeChatOpenPlatformDefaults.PlatformClientName, options, WeChatOpenPlatformDefaults.StartPushTicketPath, writer =>
            {
                writer.WriteString("component_appid", options.ComponentAppId);
                writer.WriteString("component_secret", options.ComponentAppSecret);
            }).ConfigureAwait(false);
            WeChatErrorsLog.TicketPushRequested(logger, options.ComponentAppId);
            return true;
        }
        catch (Exception ex) when (ex is WeChatApiException or HttpRequestException or OperationCanceledException)
        {
            WeChatErrorsLog.TicketPushRequestFailed(logger, options.ComponentAppId, ex is WeChatApiException error ? error.RawErrorCode : 0, ex.GetType().Name);
            return false;
        }
    }

    public async Task<AuthorizerTokens> RefreshAuthorizerAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string refreshToken)
    {
        using var document = await PostAsync(WeChatOpenPlatformDefaults.ComponentClientName(options.ComponentAppId), options, WeChatOpenPlatformDefaults.AuthorizerTokenPath, writer =>
        {
            writer.WriteString("component_appid", options.ComponentAppId);
            writer.WriteString("authorizer_appid", authorizerAppId);
            writer.WriteString("authorizer_refresh_token", refreshToken);
        }).ConfigureAwait(false);
        var tokens = ReadTokens(document.RootElement, options, fallbackRefreshToken: refreshToken);
        var accessToken = tokens.AccessToken!;
        WeChatErrorsLog.AuthorizerTokenRefreshed(logger, options.ComponentAppId, authorizerAppId, accessToken.ExpiresAt - accessToken.FetchedAt, tokens.RefreshToken != refreshToken);
        return tokens;
    }

    /// <summary>Exchanges an authorization code (<c>api_query_auth</c>) for the account's first tokens.</summary>
    public async Task<(string AuthorizerAppId, AuthorizerTokens Tokens, IReadOnlyList<int> FunctionScopeIds)> QueryAuthAsync(WeChatOpenPlatformOptions options, string authorizationCode)
    {
        using var document = await PostAsync(WeChatOpenPlatformDefaults.ComponentClientName(options.ComponentAppId), options, WeChatOpenPlatformDefaults.QueryAuthPath, writer =>
        {
            writer.WriteString("component_appid", options.ComponentAppId);
            writer.WriteString("authorization_code", authorizationCode);
        }).ConfigureAwait(false);
        var info = RequiredObject(document.RootElement, "authorization_info");
        var authorizerAppId = RequiredString(info, "authorizer_appid");
        return (authorizerAppId, ReadTokens(info, options, fallbackRefreshToken: null), FunctionScopeIds(info));
    }

    /// <summary>Reads an account's current refresh token from <c>api_get_authorizer_info</c>; <see langword="null"/> when it returns none.</summary>
    public async Task<string?> GetRefreshTokenAsync(WeChatOpenPlatformOptions options, string authorizerAppId)
    {
        using var document = await PostAsync(WeChatOpenPlatformDefaults.ComponentClientName(options.ComponentAppId), options, WeChatOpenPlatformDefaults.AuthorizerInfoPath, writer =>
        {
            writer.WriteString("component_appid", options.ComponentAppId);
            writer.WriteString("authorizer_appid", authorizerAppId);
        }).ConfigureAwait(false);
        var refreshToken = document.RootElement.TryGetProperty("authorization_info", out var info) && info.ValueKind == JsonValueKind.Object
            && info.TryGetProperty("authorizer_refresh_token", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        WeChatErrorsLog.AuthorizerRefreshTokenRead(logger, options.ComponentAppId, authorizerAppId, !string.IsNullOrEmpty(refreshToken));
        return string.IsNullOrEmpty(refreshToken) ? null : refreshToken;
    }

    private AuthorizerTokens ReadTokens(JsonElement element, WeChatOpenPlatformOptions options, string? fallbackRefreshToken)
    {
        var now = time.GetUtcNow();
        var token = RequiredString(element, "authorizer_access_token");
        var expiresIn = ExpiresIn(element);
        var refreshToken = element.TryGetProperty("authorizer_refresh_token", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } returned
            ? returned
            : fallbackRefreshToken ?? throw Unreadable("authorizer_refresh_token");
        return new AuthorizerTokens(refreshToken, CachedAccessToken.Create(token, now, now.AddSeconds(expiresIn), options.RefreshBeforeExpiry));
    }

    private async Task<JsonDocument> PostAsync(string clientName, WeChatOpenPlatformOptions options, string path, Action<Utf8JsonWriter> writeBody)
    {
        var baseAddress = options.BaseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path)) { Content = JsonBody(writeBody) };
        var http = httpClientFactory.CreateClient(clientName);

        // Not cancelled by one caller: every caller of the platform or account waits for this call. HttpClient.Timeout bounds it.
        using var response = await http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        // A ConfigureAll that turns ThrowOnError off for every client must not make an error body read as a token.
        response.EnsureWeChatSuccess().EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Unreadable("a JSON object");
            }

            return document;
        }
        catch (JsonException)
        {
            throw Unreadable("a JSON object");
        }
    }

    private static ByteArrayContent JsonBody(Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Unreadable(name);

    private static JsonElement RequiredObject(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw Unreadable(name);

    private static int ExpiresIn(JsonElement element)
    {
        var seconds = element.TryGetProperty("expires_in", out var value) switch
        {
            true when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) => number,
            true when value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return seconds > 0 ? seconds : throw Unreadable("expires_in");
    }

    private static IReadOnlyList<int> FunctionScopeIds(JsonElement info)
    {
        var ids = new List<int>();
        if (info.TryGetProperty("func_info", out var functions) && functions.ValueKind == JsonValueKind.Array)
        {
            foreach (var function in functions.EnumerateArray())
            {
                if (function.ValueKind == JsonValueKind.Object
                    && function.TryGetProperty("funcscope_category", out var category) && category.ValueKind == JsonValueKind.Object
                    && category.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value))
                {
                    ids.Add(value);
                }
            }
        }

        return ids;
    }

    // The body is not quoted: it may hold a token.
    private static HttpRequestException Unreadable(string what) => new($"The open platform answered without {what}.");
}
