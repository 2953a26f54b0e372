using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Shared;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The built-in <see cref="IWeChatComponentTokenSource"/>: the latest ticket of each platform (<see cref="ComponentTicketStore"/>),
/// and its <c>component_access_token</c> kept in memory and optionally shared, loaded once at a time (single flight).
/// A ticket WeChat rejects (<c>61005</c>, <c>61006</c>) is replaced once by a newer stored one; failing that, WeChat is asked to
/// push a new ticket and <see cref="WeChatComponentTicketException"/> is thrown.
/// </summary>
internal sealed class ComponentTokenCache : TokenCacheBase<WeChatOpenPlatformOptions>, IWeChatComponentTokenSource
{
    private readonly OpenPlatformEndpointClient _endpoint;
    private readonly ComponentTicketStore _tickets = new();

    public ComponentTokenCache(
        OpenPlatformEndpointClient endpoint,
        IOptionsMonitor<WeChatOpenPlatformOptions> options,
        IEnumerable<string> componentAppIds,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
        : base(options.Get, componentAppIds, timeProvider, services, logger)
    {
        _endpoint = endpoint;
    }

    /// <inheritdoc/>
    public async Task SetComponentVerifyTicketAsync(string componentAppId, string ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        ArgumentNullExceptionShim.ThrowIfNull(ticket);
        if (ticket.Length == 0)
        {
            throw new ArgumentException("The ticket must not be empty.", nameof(ticket));
        }

        var options = GetOptions(componentAppId);
        await _tickets.SetAsync(componentAppId, ticket, Time.GetUtcNow(), SharedStore(componentAppId, options.UseDistributedCache), SharedEntry(options), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<string> GetComponentTokenAsync(string componentAppId, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        var slot = Slot(componentAppId);
        return slot.GetAsync(Time.GetUtcNow(), static s => s.Cache.LoadAsync(s.Id, s.Slot), (Cache: this, Id: componentAppId, Slot: slot), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask InvalidateComponentTokenAsync(string componentAppId, string failedToken, CancellationToken cancellationToken)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        Slot(componentAppId).Invalidate(failedToken);
        var options = GetOptions(componentAppId);
        if (SharedStore(componentAppId, options.UseDistributedCache) is { } store)
        {
            await store.RemoveIfAsync(SharedEntry(options), failedToken, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool TryGetCachedToken(string componentAppId, [NotNullWhen(true)] out string? token) => TryGetUnexpired(componentAppId, out token);

    /// <summary>Gets the platform's shared store: one per platform, so that the account entries go through the same guard (an outage is skipped and logged once).</summary>
    internal DistributedTokenStore? SharedStoreOf(WeChatOpenPlatformOptions options) => SharedStore(options.ComponentAppId, options.UseDistributedCache);

    internal WeChatOpenPlatformOptions GetOptions(string componentAppId) =>
        GetOptions(componentAppId, static id => $"No open platform settings for component AppID '{id}'. Register them with services.AddWeChatOpenPlatform(\"{id}\", ...).");

    /// <summary>The shape the shared store and its guard read: the platform's entries under its prefix, named by its AppID in logs.</summary>
    internal static WeChatAccessTokenOptions SharedEntry(WeChatOpenPlatformOptions options) => new()
    {
        AppId = options.ComponentAppId,
        DistributedCacheKeyPrefix = options.DistributedCacheKeyPrefix,
        SharedCacheKey = options.DistributedCacheKeyPrefix + "component-token:" + options.ComponentAppId,
        RefreshBeforeExpiry = options.RefreshBeforeExpiry,
        UseDistributedCache = true,
    };

    private async Task<CachedAccessToken> LoadAsync(string componentAppId, TokenSlot slot)
    {
        var options = GetOptions(componentAppId);
        var store = SharedStore(componentAppId, options.UseDistributedCache);
        var entry = SharedEntry(options);
        return await slot.LoadAsync(Time.GetUtcNow, store, entry, () => FetchAsync(options, store, entry)).ConfigureAwait(false);
    }

    private async Task<CachedAccessToken> FetchAsync(WeChatOpenPlatformOptions options, DistributedTokenStore? store, WeChatAccessTokenOptions entry)
    {
        var id = options.ComponentAppId;
        var ticket = await _tickets.GetLatestAsync(id, Time.GetUtcNow(), store, entry).ConfigureAwait(false);
        if (ticket is null)
        {
            throw new WeChatComponentTicketException(id, await RequestPushAsync(options).ConfigureAwait(false));
        }

        try
        {
            return await _endpoint.FetchComponentTokenAsync(options, ticket).ConfigureAwait(false);
        }
        catch (WeChatApiException rejected) when (IsTicketError(rejected))
        {
            _tickets.Reject(id, ticket);
            var error = rejected;

            // Once: with a newer ticket, if one was stored meanwhile (by this instance or another).
            if (await _tickets.GetLatestAsync(id, Time.GetUtcNow(), store, entry).ConfigureAwait(false) is { } newer)
            {
                try
                {
                    return await _endpoint.FetchComponentTokenAsync(options, newer).ConfigureAwait(false);
                }
                catch (WeChatApiException again) when (IsTicketError(again))
                {
                    _tickets.Reject(id, newer);
                    error = again;
                }
            }

            throw new WeChatComponentTicketException(error.Details, id, await RequestPushAsync(options).ConfigureAwait(false));
        }
    }

    /// <summary>Asks WeChat for a new ticket, at most once a minute; returns whether the request of that minute was accepted.</summary>
    private async Task<bool> RequestPushAsync(WeChatOpenPlatformOptions options)
    {
        if (_tickets.RecentPushRequest(options.ComponentAppId, Time.GetUtcNow()) is { } recent)
        {
            return recent;
        }

        var accepted = await _endpoint.StartPushTicketAsync(options).ConfigureAwait(false);
        _tickets.PushRequested(options.ComponentAppId, Time.GetUtcNow(), accepted);
        return accepted;
    }

    private static bool IsTicketError(WeChatApiException error) => error.Product == WeChatProduct.WeChat && error.RawErrorCode is 61005 or 61006;
}
