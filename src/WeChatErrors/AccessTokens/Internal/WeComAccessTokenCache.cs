using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors.Shared;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// The built-in <see cref="IWeComAccessTokenSource"/>: per corp and application, keeps the token in memory until shortly before
/// <c>expires_in</c> runs out, collapses concurrent loads into one (single flight), shares it through the
/// <see cref="DistributedTokenStore"/> when enabled, and otherwise fetches it from <c>gettoken</c> (<see cref="WeComTokenEndpointClient"/>).
/// </summary>
internal sealed class WeComAccessTokenCache : TokenCacheBase<WeComAccessTokenOptions>, IWeComAccessTokenSource
{
    private readonly WeComTokenEndpointClient _endpoint;

    public WeComAccessTokenCache(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<WeComAccessTokenOptions> options,
        IEnumerable<string> keys,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
        : base(options.Get, keys, timeProvider, services, logger)
    {
        _endpoint = new WeComTokenEndpointClient(httpClientFactory, Time, Logger);
    }

    /// <summary>Gets how many tokens were fetched from WeCom (not from a cache), for all applications.</summary>
    public int Fetches => _endpoint.Fetches;

    /// <inheritdoc/>
    public ValueTask<string> GetTokenAsync(string corpId, string app, CancellationToken cancellationToken)
    {
        var key = KeyOf(corpId, app);
        var slot = Slot(key);
        return slot.GetAsync(Time.GetUtcNow(), static s => s.Cache.LoadAsync(s.Key, s.Slot), (Cache: this, Key: key, Slot: slot), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask InvalidateAsync(string corpId, string app, string failedToken, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        var key = KeyOf(corpId, app);
        Slot(key).Invalidate(failedToken);
        var options = GetOptions(key);
        if (SharedStore(key, options.UseDistributedCache) is { } store)
        {
            await store.RemoveIfAsync(SharedEntry(options), failedToken, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the cached token of an application while it has not expired, without loading.</summary>
    public bool TryGetCachedToken(string corpId, string app, [NotNullWhen(true)] out string? token) =>
        TryGetUnexpired(WeComAccessTokenDefaults.Key(corpId, app), out token);

    /// <summary>
    /// The settings the shared store reads, as a WeChat options instance (the store's own type): the key
    /// (<c>{prefix}stable:wecom:{corpid}:{app}</c>, apart from every WeChat AppID), the refresh margin and the name it logs.
    /// It never holds the secret.
    /// </summary>
    internal static WeChatAccessTokenOptions SharedEntry(WeComAccessTokenOptions options) => new()
    {
        AppId = "wecom:" + WeComAccessTokenDefaults.Key(options.CorpId, options.App),
        Endpoint = WeChatAccessTokenEndpoint.StableToken,
        DistributedCacheKeyPrefix = options.DistributedCacheKeyPrefix,
        RefreshBeforeExpiry = options.RefreshBeforeExpiry,
        UseDistributedCache = true,
    };

    private static string KeyOf(string corpId, string app)
    {
        ArgumentNullExceptionShim.ThrowIfNull(corpId);
        ArgumentNullExceptionShim.ThrowIfNull(app);
        return WeComAccessTokenDefaults.Key(corpId, app);
    }

    private WeComAccessTokenOptions GetOptions(string key) =>
        GetOptions(key, static k => $"No WeCom access token settings for '{k}'. Register them with services.AddWeComAccessTokens(corpId, app, ...).");

    private async Task<CachedAccessToken> LoadAsync(string key, TokenSlot slot)
    {
        var options = GetOptions(key);
        return await slot.LoadAsync(Time.GetUtcNow, SharedStore(key, options.UseDistributedCache), SharedEntry(options), () => _endpoint.FetchAsync(options)).ConfigureAwait(false);
    }
}
