using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The second level of the token cache: tokens shared through an <see cref="IDistributedCache"/> (Redis) between instances.
/// An entry holds the token and its times, never the secret. A failing cache is logged and bypassed: the call goes on without it.
/// </summary>
internal sealed class DistributedTokenStore
{
    private readonly IDistributedCache _cache;
    private readonly ILogger _logger;

    public DistributedTokenStore(IDistributedCache cache, ILogger logger)
    {
        _cache = cache;
        _logger = logger;
    }

    /// <summary>Reads the shared token of an app, or <see langword="null"/> when there is none, it is unreadable or the cache fails.</summary>
    public async Task<CachedAccessToken?> GetAsync(WeChatAccessTokenOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return Parse(await _cache.GetAsync(Key(options), cancellationToken).ConfigureAwait(false), options.RefreshBeforeExpiry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, options.AppId);
            return null;
        }
    }

    /// <summary>Shares a token until it expires.</summary>
    public async Task SetAsync(WeChatAccessTokenOptions options, CachedAccessToken token)
    {
        try
        {
            var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = token.ExpiresAt - token.FetchedAt };
            await _cache.SetAsync(Key(options), Serialize(token), entry).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, options.AppId);
        }
    }

    /// <summary>Removes the shared token only while it is still <paramref name="failedToken"/> (compare and invalidate).</summary>
    public async Task RemoveIfAsync(WeChatAccessTokenOptions options, string failedToken, CancellationToken cancellationToken)
    {
        if ((await GetAsync(options, cancellationToken).ConfigureAwait(false))?.Token != failedToken)
        {
            return;
        }

        try
        {
            await _cache.RemoveAsync(Key(options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WeChatErrorsLog.TokenCacheFailed(_logger, ex.GetType().Name, options.AppId);
        }
    }

    internal static string Key(WeChatAccessTokenOptions options) =>
        options.DistributedCacheKeyPrefix + (options.Endpoint == WeChatAccessTokenEndpoint.StableToken ? "stable:" : "token:") + options.AppId;

    internal static byte[] Serialize(CachedAccessToken token)
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

    internal static CachedAccessToken? Parse(byte[]? bytes, TimeSpan refreshBeforeExpiry)
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
}
