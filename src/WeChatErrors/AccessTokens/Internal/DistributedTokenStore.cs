using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The second level of the token cache of one AppID: tokens shared through an <see cref="IDistributedCache"/> (Redis) between
/// instances. An entry holds the token and its times, never the secret. Every call goes through a <see cref="DistributedCacheGuard"/>:
/// a cache that fails or hangs is bypassed within the timeout and then skipped for a while; the call goes on without it.
/// </summary>
internal sealed class DistributedTokenStore
{
    private readonly IDistributedCache _cache;
    private readonly DistributedCacheGuard _guard;

    public DistributedTokenStore(IDistributedCache cache, TimeProvider time, ILogger logger)
    {
        _cache = cache;
        _guard = new DistributedCacheGuard(time, logger);
    }

    /// <summary>Gets the shared cache, for the other entries of the same app (the open platform's tickets and refresh tokens).</summary>
    public IDistributedCache Cache => _cache;

    /// <summary>Gets the guard of the shared cache, which those other entries go through as well: one outage is skipped once.</summary>
    public DistributedCacheGuard Guard => _guard;

    /// <summary>Reads the shared token of an app, or <see langword="null"/> when there is none, it is unreadable, or the cache fails, is slow or is skipped.</summary>
    public async Task<CachedAccessToken?> GetAsync(WeChatAccessTokenOptions options, CancellationToken cancellationToken)
    {
        var key = Key(options);
        var (_, bytes) = await _guard.TryRunAsync(options, ct => _cache.GetAsync(key, ct), cancellationToken).ConfigureAwait(false);
        return Parse(bytes, options.RefreshBeforeExpiry);
    }

    /// <summary>Shares a token until it expires (unless the cache fails, is slow or is skipped).</summary>
    public async Task SetAsync(WeChatAccessTokenOptions options, CachedAccessToken token)
    {
        var key = Key(options);
        var value = Serialize(token);
        var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = token.ExpiresAt - token.FetchedAt };
        await _guard.TryRunAsync(options, ct => Answered(_cache.SetAsync(key, value, entry, ct)), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Removes the shared token only while it is still <paramref name="failedToken"/> (compare and invalidate).</summary>
    public async Task RemoveIfAsync(WeChatAccessTokenOptions options, string failedToken, CancellationToken cancellationToken)
    {
        if ((await GetAsync(options, cancellationToken).ConfigureAwait(false))?.Token != failedToken)
        {
            return;
        }

        var key = Key(options);
        await _guard.TryRunAsync(options, ct => Answered(_cache.RemoveAsync(key, ct)), cancellationToken).ConfigureAwait(false);
    }

    internal static string Key(WeChatAccessTokenOptions options) =>
        options.SharedCacheKey ?? options.DistributedCacheKeyPrefix + (options.Endpoint == WeChatAccessTokenEndpoint.StableToken ? "stable:" : "token:") + options.AppId;

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

            // A time out of DateTimeOffset's range (a corrupt or foreign entry) is unreadable, as any other.
            return string.IsNullOrEmpty(token) || expiresAt <= fetchedAt || fetchedAt < 0 || expiresAt > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? null
                : CachedAccessToken.Create(token!, DateTimeOffset.FromUnixTimeMilliseconds(fetchedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt), refreshBeforeExpiry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A cache operation without a value, as one the guard can run.</summary>
    private static async Task<bool> Answered(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }
}
