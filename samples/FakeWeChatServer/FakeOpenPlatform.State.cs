using System.Collections.Concurrent;

namespace FakeWeChat;

/// <summary>What the fake platform holds per platform and per account; each is locked while it is read or changed.</summary>
public sealed partial class FakeOpenPlatform
{
    private sealed class Component(string secret)
    {
        public int Fetches;
        public int PushCalls;
        public int QueryAuthCalls;

        public string Secret { get; } = secret;

        /// <summary>Gets every ticket issued, with when it was issued.</summary>
        public Dictionary<string, DateTimeOffset> Tickets { get; } = new(StringComparer.Ordinal);

        public string? LatestTicket { get; set; }

        public (int Code, int Times)? TicketFailure { get; set; }

        /// <summary>Gets the tokens that still answer, with when each expires: the latest one, and earlier ones when they stay valid.</summary>
        public Dictionary<string, DateTimeOffset> Tokens { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, Authorizer> Authorizers { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Authorizer(string appId, DateTimeOffset authorizedAt)
    {
        public int Refreshes;
        public int InfoCalls;

        public string AppId { get; } = appId;

        public DateTimeOffset AuthorizedAt { get; set; } = authorizedAt;

        public string? RefreshToken { get; set; }

        /// <summary>Gets the access tokens that still answer, with when each expires.</summary>
        public Dictionary<string, DateTimeOffset> AccessTokens { get; } = new(StringComparer.Ordinal);

        public bool Revoked { get; set; }

        public bool RefreshBroken { get; set; }

        public bool Refused { get; set; }
    }

    private sealed record Code(string ComponentAppId, string AuthorizerAppId, DateTimeOffset ExpiresAt);
}
