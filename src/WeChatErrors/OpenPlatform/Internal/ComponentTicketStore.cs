using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The latest <c>component_verify_ticket</c> of each platform: in memory, and when enabled in the shared cache, so that a ticket
/// handed to one instance serves every instance. A ticket WeChat rejected is remembered and not sent again.
/// </summary>
internal sealed class ComponentTicketStore
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Stores a new ticket, received at <paramref name="now"/>.</summary>
    public async Task SetAsync(string componentAppId, string ticket, DateTimeOffset now, DistributedTokenStore? shared, WeChatAccessTokenOptions entry, CancellationToken cancellationToken)
    {
        StateOf(componentAppId).Remember(ticket, now);
        if (shared is not null)
        {
            var value = Serialize(ticket, now);
            var lifetime = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = WeChatOpenPlatformDefaults.TicketLifetime };
            await shared.Guard.TryRunAsync(entry, async ct =>
            {
                await shared.Cache.SetAsync(Key(entry), value, lifetime, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the latest ticket that is still within its 12 hours and was not rejected: the shared one when the cache answers
    /// (it may come from another instance), else the one in memory; <see langword="null"/> when there is none.
    /// </summary>
    public async Task<string?> GetLatestAsync(string componentAppId, DateTimeOffset now, DistributedTokenStore? shared, WeChatAccessTokenOptions entry)
    {
        var state = StateOf(componentAppId);
        if (shared is not null)
        {
            var (answered, bytes) = await shared.Guard.TryRunAsync(entry, ct => shared.Cache.GetAsync(Key(entry), ct), CancellationToken.None).ConfigureAwait(false);
            if (answered && Parse(bytes) is { } stored)
            {
                state.Remember(stored.Ticket, stored.ReceivedAt);
            }
        }

        return state.Usable(now);
    }

    /// <summary>Remembers that WeChat rejected <paramref name="ticket"/> (<c>61005</c>, <c>61006</c>): it is not sent again.</summary>
    public void Reject(string componentAppId, string ticket) => StateOf(componentAppId).Reject(ticket);

    /// <summary>
    /// Returns whether WeChat accepted the push request made within the last minute, or <see langword="null"/> when none was made:
    /// a push is requested at most once a minute per platform, whatever the callers do.
    /// </summary>
    public bool? RecentPushRequest(string componentAppId, DateTimeOffset now) => StateOf(componentAppId).RecentPushRequest(now);

    /// <summary>Records the outcome of a push request made at <paramref name="now"/>.</summary>
    public void PushRequested(string componentAppId, DateTimeOffset now, bool accepted) => StateOf(componentAppId).PushRequested(now, accepted);

    internal static string Key(WeChatAccessTokenOptions entry) => entry.DistributedCacheKeyPrefix + "ticket:" + entry.AppId;

    internal static byte[] Serialize(string ticket, DateTimeOffset receivedAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("component_verify_ticket", ticket);
            writer.WriteNumber("received_at", receivedAt.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static (string Ticket, DateTimeOffset ReceivedAt)? Parse(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("component_verify_ticket", out var ticket) && ticket.ValueKind == JsonValueKind.String && ticket.GetString() is { Length: > 0 } text
                && root.TryGetProperty("received_at", out var at) && at.ValueKind == JsonValueKind.Number && at.TryGetInt64(out var milliseconds)
                && milliseconds >= 0 && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                    ? (text, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds))
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private State StateOf(string componentAppId) => _states.GetOrAdd(componentAppId, static _ => new State());

    private sealed class State
    {
        private string? _ticket;
        private DateTimeOffset _receivedAt;
        private string? _rejected;
        private DateTimeOffset _lastPushRequest = DateTimeOffset.MinValue;
        private bool _lastPushAccepted;

        public void Remember(string ticket, DateTimeOffset receivedAt)
        {
            lock (this)
            {
                // A shared copy older than the one in memory does not replace it.
                if (_ticket is null || receivedAt >= _receivedAt)
                {
                    _ticket = ticket;
                    _receivedAt = receivedAt;
                }
            }
        }

        public string? Usable(DateTimeOffset now)
        {
            lock (this)
            {
                return _ticket is not null && _ticket != _rejected && now - _receivedAt < WeChatOpenPlatformDefaults.TicketLifetime ? _ticket : null;
            }
        }

        public void Reject(string ticket)
        {
            lock (this)
            {
                _rejected = ticket;
            }
        }

        public bool? RecentPushRequest(DateTimeOffset now)
        {
            lock (this)
            {
                return now - _lastPushRequest < TimeSpan.FromMinutes(1) ? _lastPushAccepted : null;
            }
        }

        public void PushRequested(DateTimeOffset now, bool accepted)
        {
            lock (this)
            {
                _lastPushRequest = now;
                _lastPushAccepted = accepted;
            }
        }
    }
}
