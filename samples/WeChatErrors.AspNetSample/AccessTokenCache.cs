using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace WeChatErrors.AspNetSample;

/// <summary>
/// Keeps the access token from the stable-token API (normal mode, never a forced refresh) until five minutes before it
/// expires. A singleton, because typed clients are transient. The AppSecret travels only in the POST body.
/// </summary>
public sealed class AccessTokenCache(IOptions<WeChatAppOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<string> GetAsync(HttpClient http, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || clock.GetUtcNow() >= _expires)
            {
                var app = options.Value;
                using var response = await http.PostAsJsonAsync(
                    "cgi-bin/stable_token",
                    new StableTokenRequest("client_credential", app.AppId, app.AppSecret, ForceRefresh: false),
                    cancellationToken);
                var token = (await response.Content.ReadFromJsonAsync<StableTokenResponse>(cancellationToken))!;
                _token = token.AccessToken;
                _expires = clock.GetUtcNow().AddSeconds(token.ExpiresIn - 300);
            }

            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private sealed record StableTokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("appid")] string AppId,
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("force_refresh")] bool ForceRefresh);

    private sealed record StableTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
