using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Shared;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The accounts' entries in the shared cache: one entry per account that holds its refresh token and access token together, so
/// that one write saves both (the refresh token is never saved without the token it came with, nor lost while it is); and a short
/// lock entry so that instances refresh an account one at a time. Every call goes through the platform's cache guard.
/// </summary>
/// <remarks>
/// <see cref="IDistributedCache"/> has no atomic "set if absent", so the lock is taken by writing an owner and reading it back
/// after two more round trips: a rival that found the lock free before this write writes within about one round trip of its
/// read, so of two such instances the later write wins and only its writer reads itself back. The pause is counted in round
/// trips, not time, so it follows the cache's latency. It is best effort (a rival stalled between its read and its write can
/// still refresh too, and then the rotated refresh token it saves wins); a lock left by an instance that died expires on its own.
/// </remarks>
internal static class AuthorizerStore
{
    /// <summary>
    /// How long a lock lives: longer than a refresh takes, also one slowed by retries after <c>-1</c>, and short enough that a
    /// holder that died delays the others for no longer than an <see cref="HttpClient"/> timeout.
    /// </summary>
    internal static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The last millisecond a <see cref="DateTimeOffset"/> holds: a larger stored time is unreadable, not an error.</summary>
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<(bool Answered, AuthorizerTokens? Value)> GetAsync(DistributedTokenStore shared, WeChatAccessTokenOptions entry, string authorizerAppId)
    {
        var key = EntryKey(entry, authorizerAppId);
        var (answered, bytes) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(key, ct), CancellationToken.None).ConfigureAwait(false);
        return (answered, Parse(bytes, entry.RefreshBeforeExpiry));
    }

    /// <summary>Saves the entry, with no expiry: a refresh token lives until the account revokes the authorization.</summary>
    public static async Task<bool> SetAsync(DistributedTokenStore shared, WeChatAccessTokenOptions entry, string authorizerAppId, AuthorizerTokens value)
    {
        var key = EntryKey(entry, authorizerAppId);
        var bytes = Serialize(value);
        var (answered, _) = await shared.Guard.TryRunAsync(entry, ct => Done(shared.Cache.SetAsync(key, bytes, new DistributedCacheEntryOptions(), ct)), CancellationToken.None).ConfigureAwait(false);
        return answered;
    }

    /// <summary>Takes the account's refresh lock; <see cref="RefreshLock.Unavailable"/> when the cache does not answer (go on without it).</summary>
    public static async Task<RefreshLock> LockAsync(DistributedTokenStore shared, WeChatAccessTokenOptions entry, string authorizerAppId)
    {
        var key = LockKey(entry, authorizerAppId);
        var (answered, held) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(key, ct), CancellationToken.None).ConfigureAwait(false);
        if (!answered)
        {
            return RefreshLock.Unavailable;
        }

        if (held is { Length: > 0 })
        {
            return RefreshLock.Busy;
        }

        var owner = Guid.NewGuid().ToString("N");
        var lifetime = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = LockLifetime };
        (answered, _) = await shared.Guard.TryRunAsync(entry, ct => Done(shared.Cache.SetAsync(key, Encoding.UTF8.GetBytes(owner), lifetime, ct)), CancellationToken.None).ConfigureAwait(false);
        if (!answered)
        {
            return RefreshLock.Unavailable;
        }

        for (var trip = 0; trip < 3 && answered; trip++)
        {
            (answered, held) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(key, ct), CancellationToken.None).ConfigureAwait(false);
        }

        return !answered ? RefreshLock.Unavailable
            : held is not null && Encoding.UTF8.GetString(held) == owner ? RefreshLock.Acquired(owner)
            : RefreshLock.Busy;
    }

    /// <summary>Removes the lock if it is still <paramref name="refreshLock"/>'s.</summary>
    public static async Task ReleaseAsync(DistributedTokenStore shared, WeChatAccessTokenOptions entry, string authorizerAppId, RefreshLock refreshLock)
    {
        var key = LockKey(entry, authorizerAppId);
        var (answered, held) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(key, ct), CancellationToken.None).ConfigureAwait(false);
        if (answered && held is not null && Encoding.UTF8.GetString(held) == refreshLock.Owner)
        {
            await shared.Guard.TryRunAsync(entry, ct => Done(shared.Cache.RemoveAsync(key, ct)), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits while another instance holds the lock, for the entry to hold a token <paramref name="usable"/> accepts; returns it, or
    /// <see langword="null"/> when the lock is gone (or has lived out its time) without one.
    /// </summary>
    /// <remarks>The polls wait on <paramref name="time"/>, the library's clock.</remarks>
    public static async Task<AuthorizerTokens?> WaitForRefreshAsync(
        DistributedTokenStore shared, WeChatAccessTokenOptions entry, string authorizerAppId, TimeProvider time, Func<AuthorizerTokens?, bool> usable)
    {
        var key = LockKey(entry, authorizerAppId);
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < LockLifetime)
        {
            await DelayShim.Delay(PollInterval, time).ConfigureAwait(false);
            var (answered, stored) = await GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (!answered)
            {
                return null;
            }

            if (usable(stored))
            {
                return stored;
            }

            var (lockAnswered, held) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(key, ct), CancellationToken.None).ConfigureAwait(false);
            if (!lockAnswered || held is not { Length: > 0 })
            {
                // Released: the holder may have saved just before releasing.
                (answered, stored) = await GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
                return answered && usable(stored) ? stored : null;
            }
        }

        return null;
    }

    internal static string EntryKey(WeChatAccessTokenOptions entry, string authorizerAppId) =>
        entry.DistributedCacheKeyPrefix + "authorizer:" + entry.AppId + ":" + authorizerAppId;

    internal static string LockKey(WeChatAccessTokenOptions entry, string authorizerAppId) =>
        entry.DistributedCacheKeyPrefix + "authorizer-lock:" + entry.AppId + ":" + authorizerAppId;

    internal static byte[] Serialize(AuthorizerTokens value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("authorizer_refresh_token", value.RefreshToken);
            if (value.AccessToken is { } token)
            {
                writer.WriteString("authorizer_access_token", token.Token);
                writer.WriteNumber("fetched_at", token.FetchedAt.ToUnixTimeMilliseconds());
                writer.WriteNumber("expires_at", token.ExpiresAt.ToUnixTimeMilliseconds());
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static AuthorizerTokens? Parse(byte[]? bytes, TimeSpan refreshBeforeExpiry)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("authorizer_refresh_token", out var refresh) || refresh.ValueKind != JsonValueKind.String
                || refresh.GetString() is not { Length: > 0 } refreshToken)
            {
                return null;
            }

            CachedAccessToken? accessToken = null;
            if (root.TryGetProperty("authorizer_access_token", out var access) && access.ValueKind == JsonValueKind.String && access.GetString() is { Length: > 0 } token
                && root.TryGetProperty("fetched_at", out var fetched) && fetched.ValueKind == JsonValueKind.Number && fetched.TryGetInt64(out var fetchedAt)
                && root.TryGetProperty("expires_at", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt64(out var expiresAt)
                && expiresAt > fetchedAt && fetchedAt >= 0 && expiresAt <= MaxUnixMilliseconds)
            {
                accessToken = CachedAccessToken.Create(token, DateTimeOffset.FromUnixTimeMilliseconds(fetchedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt), refreshBeforeExpiry);
            }

            return new AuthorizerTokens(refreshToken, accessToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> Done(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }
}
