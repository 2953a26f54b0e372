using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The built-in <see cref="IWeChatAccessTokenSource"/>: keeps each app's token in memory until shortly before it expires and
/// collapses concurrent loads of one AppID into one (single flight). A load reads the shared second level
/// (<see cref="DistributedTokenStore"/>, when enabled) and otherwise fetches from WeChat (<see cref="TokenEndpointClient"/>).
/// It never forces a refresh.
/// </summary>
internal sealed class AccessTokenCache : TokenCacheBase<WeChatAccessTokenOptions>, IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    private readonly TokenEndpointClient _endpoint;
    private readonly ConcurrentDictionary<string, TokenFetchHealth> _fetchHealth = new(StringComparer.Ordinal);

    public AccessTokenCache(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<WeChatAccessTokenOptions> options,
        IEnumerable<string> appIds,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
        : base(options.Get, appIds, timeProvider, services, logger)
    {
        _endpoint = new TokenEndpointClient(httpClientFactory, Time, Logger);
    }

    /// <summary>Gets how many tokens were fetched from WeChat (not from a cache), for all AppIDs.</summary>
    public int Fetches => _endpoint.Fetches;

    /// <inheritdoc/>
    public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        var slot = Slot(appId);
        return slot.GetAsync(Time.GetUtcNow(), static s => s.Cache.LoadAsync(s.AppId, s.Slot), (Cache: this, AppId: appId, Slot: slot), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(appId);
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        Slot(appId).Invalidate(failedToken);
        var options = GetOptions(appId);
        if (SharedStore(appId, options.UseDistributedCache) is { } store)
        {
            await store.RemoveIfAsync(options, failedToken, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token) => TryGetUnexpired(appId, out token);

    /// <summary>Gets whether <paramref name="appId"/> was registered with <c>AddWeChatAccessTokens</c>.</summary>
    public bool IsRegistered(string appId) => IsRegisteredKey(appId);

    /// <summary>Gets what the fetches of <paramref name="appId"/> from WeChat last did, for the health check.</summary>
    public TokenFetchSnapshot GetFetchHealth(string appId) =>
        _fetchHealth.TryGetValue(appId, out var health) ? health.Snapshot : TokenFetchSnapshot.NeverFetched;

    private WeChatAccessTokenOptions GetOptions(string appId) =>
        GetOptions(appId, static id => $"No WeChat access token settings for AppID '{id}'. Register them with services.AddWeChatAccessTokens(\"{id}\", ...).");

    private async Task<CachedAccessToken> LoadAsync(string appId, TokenSlot slot)
    {
        var options = GetOptions(appId);
        return await slot.LoadAsync(Time.GetUtcNow, SharedStore(appId, options.UseDistributedCache), options, () => FetchAsync(appId, options)).ConfigureAwait(false);
    }

    private async Task<CachedAccessToken> FetchAsync(string appId, WeChatAccessTokenOptions options)
    {
        var health = _fetchHealth.GetOrAdd(appId, static _ => new TokenFetchHealth());
        try
        {
            var token = await _endpoint.FetchAsync(options).ConfigureAwait(false);
            health.RecordSuccess(Time.GetUtcNow());
            return token;
        }
        catch (Exception ex)
        {
            health.RecordFailure(ex, Time.GetUtcNow());
            throw;
        }
    }
}
