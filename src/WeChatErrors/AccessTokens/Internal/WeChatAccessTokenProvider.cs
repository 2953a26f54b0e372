using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The built-in <see cref="IWeChatAccessTokenSource"/>: fetches tokens from the stable-token API (or <c>cgi-bin/token</c>),
/// keeps them in memory (and optionally in an <see cref="IDistributedCache"/>) until shortly before they expire, and collapses
/// concurrent fetches of one AppID into one. It never forces a refresh.
/// </summary>
internal sealed class WeChatAccessTokenProvider : IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    private readonly ConcurrentDictionary<string, AppState> _apps = new(StringComparer.Ordinal);
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<WeChatAccessTokenOptions> _options;
    private readonly HashSet<string> _appIds;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private int _fetches;

    public WeChatAccessTokenProvider(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<WeChatAccessTokenOptions> options,
        IEnumerable<string> appIds,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _appIds = new HashSet<string>(appIds, StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        _services = services;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets how many tokens were fetched from WeChat (not from a cache), for all AppIDs.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <inheritdoc/>
    public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        var state = GetState(appId);
        Task<CachedAccessToken> load;
        lock (state)
        {
            if (state.Current is { } current && _time.GetUtcNow() < current.RefreshAt)
            {
                return new ValueTask<string>(current.Token);
            }

            // Single flight: every caller of this AppID waits for the same load. The load itself is not cancelled by one
            // caller's token (the others still wait for it); HttpClient.Timeout bounds it.
            if (state.Pending is null || state.Pending.IsCompleted)
            {
                state.Pending = LoadAsync(appId, state);
            }

            load = state.Pending;
        }

        return new ValueTask<string>(WaitForTokenAsync(load, cancellationToken));
    }

    /// <inheritdoc/>
    public async ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        var state = GetState(appId);
        lock (state)
        {
            if (state.Current?.Token == failedToken)
            {
                state.Current = null;
            }

            state.LastFailed = failedToken;
        }

        var options = GetOptions(appId);
        if (options.UseDistributedCache && GetDistributedCache() is { } cache)
        {
            var key = CacheKey(options);
            try
            {
                var entry = Parse(await cache.GetAsync(key, cancellationToken).ConfigureAwait(false), options.RefreshBeforeExpiry);
                if (entry?.Token == failedToken)
                {
                    await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, appId);
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token)
    {
        token = _apps.TryGetValue(appId, out var state) && state.Current is { } current && _time.GetUtcNow() < current.ExpiresAt ? current.Token : null;
        return token is not null;
    }

    private static async Task<string> WaitForTokenAsync(Task<CachedAccessToken> load, CancellationToken cancellationToken) =>
        (await TaskWaitShim.WaitAsync(load, cancellationToken).ConfigureAwait(false)).Token;

    private static string CacheKey(WeChatAccessTokenOptions options) =>
        options.DistributedCacheKeyPrefix + (options.Endpoint == WeChatAccessTokenEndpoint.StableToken ? "stable:" : "token:") + options.AppId;

    private static CachedAccessToken? Parse(byte[]? bytes, TimeSpan refreshBeforeExpiry)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            string? token = null;
            long fetchedAt = 0, expiresAt = 0;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "access_token" when reader.TokenType == JsonTokenType.String:
                        token = reader.GetString();
                        break;
                    case "fetched_at" when reader.TokenType == JsonTokenType.Number:
                        fetchedAt = reader.GetInt64();
                        break;
                    case "expires_at" when reader.TokenType == JsonTokenType.Number:
                        expiresAt = reader.GetInt64();
                        break;
                }
            }

            return string.IsNullOrEmpty(token) || expiresAt <= fetchedAt
                ? null
                : CachedAccessToken.Create(token!, DateTimeOffset.FromUnixTimeMilliseconds(fetchedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt), refreshBeforeExpiry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Serialize(CachedAccessToken token)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token.Token);
            writer.WriteNumber("fetched_at", token.FetchedAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("expires_at", token.ExpiresAt.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private AppState GetState(string appId) => _apps.GetOrAdd(appId, static _ => new AppState());

    private WeChatAccessTokenOptions GetOptions(string appId)
    {
        if (!_appIds.Contains(appId))
        {
            throw new InvalidOperationException(
                $"No WeChat access token settings for AppID '{appId}'. Register them with services.AddWeChatAccessTokens(\"{appId}\", ...).");
        }

        return _options.Get(appId);
    }

    private IDistributedCache? GetDistributedCache() => _services.GetService<IDistributedCache>()
        ?? throw new InvalidOperationException("WeChatAccessTokenOptions.UseDistributedCache is set, but no IDistributedCache is registered (for example with AddStackExchangeRedisCache).");

    private async Task<CachedAccessToken> LoadAsync(string appId, AppState state)
    {
        var options = GetOptions(appId);
        var cache = options.UseDistributedCache ? GetDistributedCache() : null;
        var key = CacheKey(options);
        CachedAccessToken? token = null;
        if (cache is not null)
        {
            try
            {
                token = Parse(await cache.GetAsync(key).ConfigureAwait(false), options.RefreshBeforeExpiry);
            }
            catch (Exception ex)
            {
                WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, appId);
            }

            string? lastFailed;
            lock (state)
            {
                lastFailed = state.LastFailed;
            }

            if (token is not null && (_time.GetUtcNow() >= token.RefreshAt || token.Token == lastFailed))
            {
                token = null;
            }
        }

        if (token is null)
        {
            token = await FetchAsync(options).ConfigureAwait(false);
            if (cache is not null)
            {
                try
                {
                    await cache.SetAsync(key, Serialize(token), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = token.ExpiresAt - token.FetchedAt }).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, appId);
                }
            }
        }

        lock (state)
        {
            state.Current = token;
        }

        return token;
    }

    private async Task<CachedAccessToken> FetchAsync(WeChatAccessTokenOptions options)
    {
        var baseAddress = options.BaseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        using var request = options.Endpoint == WeChatAccessTokenEndpoint.StableToken
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, WeChatTokenEndpoints.StableTokenPath)) { Content = StableTokenBody(options) }
            : new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, WeChatTokenEndpoints.ClientCredentialPath +
                "?grant_type=client_credential&appid=" + Uri.EscapeDataString(options.AppId) + "&secret=" + Uri.EscapeDataString(options.AppSecret)));

        var http = _httpClientFactory.CreateClient(WeChatAccessTokenDefaults.TokenClientName);
        using var response = await http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var (token, expiresIn) = ReadTokenResponse(body);
        Interlocked.Increment(ref _fetches);
        WeChatErrorsLog.TokenFetched(_logger, options.AppId, options.Endpoint, TimeSpan.FromSeconds(expiresIn));
        return CachedAccessToken.Create(token, now, now.AddSeconds(expiresIn), options.RefreshBeforeExpiry);
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

    private static (string Token, int ExpiresIn) ReadTokenResponse(byte[] body)
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
            throw new HttpRequestException("The WeChat token endpoint answered without access_token and expires_in.");
        }

        return (token!, expiresIn);
    }

    /// <summary>The token of one AppID; guarded by locking the instance.</summary>
    private sealed class AppState
    {
        public CachedAccessToken? Current { get; set; }

        public Task<CachedAccessToken>? Pending { get; set; }

        /// <summary>Gets or sets the last token reported as failed, so a shared cache entry holding it is not taken again.</summary>
        public string? LastFailed { get; set; }
    }
}
