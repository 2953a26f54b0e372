
namespace WeChatErrors.AccessTokens.Internal;

/// <summary>A token and when to replace it.</summary>
internal sealed class CachedAccessToken
{
    private CachedAccessToken(string token, DateTimeOffset fetchedAt, DateTimeOffset expiresAt, DateTimeOffset refreshAt)
    {
        Token = token;
        FetchedAt = fetchedAt;
        ExpiresAt = expiresAt;
        RefreshAt = refreshAt;
    }

    public string Token { get; }

    public DateTimeOffset FetchedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets the time from which the token is replaced: <see cref="ExpiresAt"/> less the margin, but no sooner than halfway.</summary>
    public DateTimeOffset RefreshAt { get; }

    public static CachedAccessToken Create(string token, DateTimeOffset fetchedAt, DateTimeOffset expiresAt, TimeSpan refreshBeforeExpiry)
    {
        var lifetime = expiresAt - fetchedAt;
        if (lifetime < TimeSpan.Zero)
        {
            lifetime = TimeSpan.Zero;
        }

        var keep = lifetime - refreshBeforeExpiry;
        var half = TimeSpan.FromTicks(lifetime.Ticks / 2);
        return new CachedAccessToken(token, fetchedAt, expiresAt, fetchedAt + (keep > half ? keep : half));
    }
}
