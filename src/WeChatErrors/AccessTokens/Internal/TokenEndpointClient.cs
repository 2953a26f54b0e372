using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Fetches one access token from WeChat: the stable-token API (<c>POST cgi-bin/stable_token</c>, the secret in the body) or
/// <c>GET cgi-bin/token</c>, through the token client, which has error handling and no token supply.
/// </summary>
internal sealed class TokenEndpointClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _fetches;

    public TokenEndpointClient(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many tokens were fetched from WeChat, for all AppIDs.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Fetches a new token; a WeChat error surfaces as the typed exception of its code.</summary>
    public async Task<CachedAccessToken> FetchAsync(WeChatAccessTokenOptions options)
    {
        var baseAddress = options.BaseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        using var request = options.Endpoint == WeChatAccessTokenEndpoint.StableToken
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, WeChatTokenEndpoints.StableTokenPath)) { Content = StableTokenBody(options) }
            : new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, WeChatTokenEndpoints.ClientCredentialPath +
                "?grant_type=client_credential&appid=" + Uri.EscapeDataString(options.AppId) + "&secret=" + Uri.EscapeDataString(options.AppSecret)));

        var (token, fetchedAt, expiresIn) = await SendAsync(_httpClientFactory, WeChatAccessTokenDefaults.TokenClientName, request, _time).ConfigureAwait(false);
        Interlocked.Increment(ref _fetches);
        WeChatErrorsLog.TokenFetched(_logger, options.AppId, options.Endpoint, TimeSpan.FromSeconds(expiresIn));
        return CachedAccessToken.Create(token, fetchedAt, fetchedAt.AddSeconds(expiresIn), options.RefreshBeforeExpiry);
    }

    /// <summary>Sends a token request through the named token client and reads <c>access_token</c> and <c>expires_in</c>; a WeChat or WeCom error surfaces as its typed exception.</summary>
    internal static async Task<(string Token, DateTimeOffset FetchedAt, int ExpiresIn)> SendAsync(IHttpClientFactory factory, string clientName, HttpRequestMessage request, TimeProvider time)
    {
        var http = factory.CreateClient(clientName);

        // Not cancelled by one caller: every caller of the app waits for this fetch. HttpClient.Timeout bounds it.
        using var response = await http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        // A ConfigureAll that turns ThrowOnError off for every client must not make an error body read as a token.
        response.EnsureWeChatSuccess().EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var now = time.GetUtcNow();
        var (token, expiresIn) = ReadTokenResponse(body);
        return (token, now, expiresIn);
    }

    private static ByteArrayContent StableTokenBody(WeChatAccessTokenOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("grant_type", "client_credential");
            writer.WriteString("appid", options.AppId);
            writer.WriteString("secret", options.AppSecret);
            writer.WriteBoolean("force_refresh", false);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    internal static (string Token, int ExpiresIn) ReadTokenResponse(byte[] body)
    {
        string? token = null;
        int expiresIn = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                if (name == "access_token" && reader.TokenType == JsonTokenType.String)
                {
                    token = reader.GetString();
                }
                else if (name == "expires_in" && reader.TokenType == JsonTokenType.Number)
                {
                    expiresIn = reader.GetInt32();
                }
                else if (name == "expires_in" && reader.TokenType == JsonTokenType.String)
                {
                    _ = int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out expiresIn);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            token = null;
        }

        if (string.IsNullOrEmpty(token) || expiresIn <= 0)
        {
            // The body is not quoted: it may hold a token.
            throw new HttpRequestException("The token endpoint answered without access_token and expires_in.");
        }

        return (token!, expiresIn);
    }
}
