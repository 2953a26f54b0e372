using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The built-in <see cref="IWeChatAccessTokenSource"/>: keeps each app's token in memory until shortly before it expires and
/// collapses concurrent loads of one AppID into one (single flight). A load reads the shared second level
/// (<see cref="DistributedTokenStore"/>, when enabled) and otherwise fetches from WeChat (<see cref="TokenEndpointClient"/>).
/// It never forces a refresh.
/// </summary>
internal sealed class AccessTokenCache : IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    private readonly ConcurrentDictionary<string, AppState> _apps = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<WeChatAccessTokenOptions> _options;
    private readonly HashSet<string> _appIds;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly TokenEndpointClient _endpoint;

    public AccessTokenCache(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<WeChatAccessTokenOptions> options,
        IEnumerable<string> appIds,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
    {
        _options = options;
        _appIds = new HashSet<string>(appIds, StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        _services = services;
        _logger = logger ?? NullLogger.Instance;
        _endpoint = new TokenEndpointClient(httpClientFactory, _time, _logger);
    }

    /// <summary>Gets how many tokens were fetched from WeChat (not from a cache), for all AppIDs.</summary>
    public int Fetches => _endpoint.Fetches;

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
        if (GetSharedStore(options, state) is { } store)
        {
            await store.RemoveIfAsync(options, failedToken, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token)
    {
        token = _apps.TryGetValue(appId, out var state) && state.Current is { } current && _time.GetUtcNow() < current.ExpiresAt ? current.Token : null;
        return token is not null;
    }

    /// <summary>Gets whether <paramref name="appId"/> was registered with <c>AddWeChatAccessTokens</c>.</summary>
    public bool IsRegistered(string appId) => _appIds.Contains(appId);

    /// <summary>Gets what the fetches of <paramref name="appId"/> from WeChat last did, for the health check.</summary>
    public TokenFetchSnapshot GetFetchHealth(string appId) =>
        _apps.TryGetValue(appId, out var state) ? state.FetchHealth.Snapshot : TokenFetchSnapshot.NeverFetched;

    private static async Task<string> WaitForTokenAsync(Task<CachedAccessToken> load, CancellationToken cancellationToken) =>
        (await TaskWaitShim.WaitAsync(load, cancellationToken).ConfigureAwait(false)).Token;

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

    /// <summary>The app's shared store, kept with its state so a failing cache is skipped across calls.</summary>
    private DistributedTokenStore? GetSharedStore(WeChatAccessTokenOptions options, AppState state)
    {
        if (!options.UseDistributedCache)
        {
            return null;
        }

        lock (state)
        {
            if (state.Store is { } store)
            {
                return store;
            }
        }

        var cache = _services.GetService<IDistributedCache>()
            ?? throw new InvalidOperationException("WeChatAccessTokenOptions.UseDistributedCache is set, but no IDistributedCache is registered (for example with AddStackExchangeRedisCache).");
        lock (state)
        {
            return state.Store ??= new DistributedTokenStore(cache, _time, _logger);
        }
    }

    private async Task<CachedAccessToken> LoadAsync(string appId, AppState state)
    {
        var options = GetOptions(appId);
        var store = GetSharedStore(options, state);
        var token = store is null ? null : await store.GetAsync(options, CancellationToken.None).ConfigureAwait(false);
        if (token is not null)
        {
            string? lastFailed;
            lock (state)
            {
                lastFailed = state.LastFailed;
            }

            // A shared token about to expire, or the very one reported as failed, is not taken again.
            if (_time.GetUtcNow() >= token.RefreshAt || token.Token == lastFailed)
            {
                token = null;
            }
        }

        if (token is null)
        {
            token = await FetchAsync(options, state).ConfigureAwait(false);
            if (store is not null)
            {
                await store.SetAsync(options, token).ConfigureAwait(false);
            }
        }

        lock (state)
        {
            state.Current = token;
        }

        return token;
    }

    private async Task<CachedAccessToken> FetchAsync(WeChatAccessTokenOptions options, AppState state)
    {
        try
        {
            var token = await _endpoint.FetchAsync(options).ConfigureAwait(false);
            state.FetchHealth.RecordSuccess(_time.GetUtcNow());
            return token;
        }
        catch (Exception ex)
        {
            state.FetchHealth.RecordFailure(ex, _time.GetUtcNow());
            throw;
        }
    }

    /// <summary>The token of one AppID; guarded by locking the instance.</summary>
    private sealed class AppState
    {
        public CachedAccessToken? Current { get; set; }

        public Task<CachedAccessToken>? Pending { get; set; }

        /// <summary>Gets or sets the app's shared cache level, created on first use.</summary>
        public DistributedTokenStore? Store { get; set; }

        /// <summary>Gets or sets the last token reported as failed, so a shared cache entry holding it is not taken again.</summary>
        public string? LastFailed { get; set; }

        /// <summary>Gets what the fetches from WeChat last did (it has its own lock).</summary>
        public TokenFetchHealth FetchHealth { get; } = new();
    }
}
