using System.Diagnostics.CodeAnalysis;
using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The cached token of one app (a WeChat AppID, or a WeCom corp and application): kept in memory until its refresh time,
/// loaded by one caller at a time (single flight), dropped only while it is still the failed token (compare and invalidate).
/// Both built-in sources (<see cref="AccessTokenCache"/>, <see cref="WeComAccessTokenCache"/>) keep one per app.
/// </summary>
internal sealed class TokenSlot
{
    private CachedAccessToken? _current;
    private Task<CachedAccessToken>? _pending;
    private string? _lastFailed;

    /// <summary>Returns the token while it is before its refresh time, else joins the load in flight or starts one with <paramref name="load"/>.</summary>
    /// <remarks>The state is passed to a static <paramref name="load"/>, so that a call answered from memory allocates nothing.</remarks>
    /// <remarks>The load is not cancelled by one caller's token (the others still wait for it); HttpClient.Timeout bounds it.</remarks>
    public ValueTask<string> GetAsync<TState>(DateTimeOffset now, Func<TState, Task<CachedAccessToken>> load, TState state, CancellationToken cancellationToken)
    {
        Task<CachedAccessToken> pending;
        lock (this)
        {
            if (_current is { } current && now < current.RefreshAt)
            {
                return new ValueTask<string>(current.Token);
            }

            if (_pending is null || _pending.IsCompleted)
            {
                _pending = load(state);
            }

            pending = _pending;
        }

        return new ValueTask<string>(WaitAsync(pending, cancellationToken));
    }

    /// <summary>Drops the token if it is still <paramref name="failedToken"/>, and remembers it so a shared copy of it is not taken again.</summary>
    public void Invalidate(string failedToken)
    {
        lock (this)
        {
            if (_current?.Token == failedToken)
            {
                _current = null;
            }

            _lastFailed = failedToken;
        }
    }

    /// <summary>Returns the token while it has not expired, without loading.</summary>
    public bool TryGetUnexpired(DateTimeOffset now, [NotNullWhen(true)] out string? token)
    {
        lock (this)
        {
            token = _current is { } current && now < current.ExpiresAt ? current.Token : null;
        }

        return token is not null;
    }

    /// <summary>
    /// Loads a token: from the shared second level when there is one and its entry is fresh and not the failed token, else
    /// with <paramref name="fetch"/> (then shared). The result becomes the slot's token.
    /// </summary>
    /// <param name="now">The clock.</param>
    /// <param name="store">The shared second level, or <see langword="null"/>.</param>
    /// <param name="entry">The settings the shared store reads: the entry's key, the refresh margin, the name logged.</param>
    /// <param name="fetch">Fetches a new token from the token endpoint.</param>
    public async Task<CachedAccessToken> LoadAsync(Func<DateTimeOffset> now, DistributedTokenStore? store, WeChatAccessTokenOptions entry, Func<Task<CachedAccessToken>> fetch)
    {
        var token = store is null ? null : await store.GetAsync(entry, CancellationToken.None).ConfigureAwait(false);
        if (token is not null)
        {
            string? lastFailed;
            lock (this)
            {
                lastFailed = _lastFailed;
            }

            // A shared token about to expire, or the very one reported as failed, is not taken again.
            if (now() >= token.RefreshAt || token.Token == lastFailed)
            {
                token = null;
            }
        }

        if (token is null)
        {
            token = await fetch().ConfigureAwait(false);
            if (store is not null)
            {
                await store.SetAsync(entry, token).ConfigureAwait(false);
            }
        }

        lock (this)
        {
            _current = token;
        }

        return token;
    }

    /// <summary>
    /// Loads a token with <paramref name="load"/>, which is told the token last reported as failed (so that it does not take a
    /// shared copy of it again). The result becomes the slot's token.
    /// </summary>
    public async Task<CachedAccessToken> LoadAsync(Func<string?, Task<CachedAccessToken>> load)
    {
        string? lastFailed;
        lock (this)
        {
            lastFailed = _lastFailed;
        }

        var token = await load(lastFailed).ConfigureAwait(false);
        Set(token);
        return token;
    }

    /// <summary>Makes <paramref name="token"/> the slot's token, as one that came from elsewhere (a new authorization).</summary>
    public void Set(CachedAccessToken token)
    {
        lock (this)
        {
            _current = token;
        }
    }

    private static async Task<string> WaitAsync(Task<CachedAccessToken> load, CancellationToken cancellationToken) =>
        (await TaskWaitShim.WaitAsync(load, cancellationToken).ConfigureAwait(false)).Token;
}
