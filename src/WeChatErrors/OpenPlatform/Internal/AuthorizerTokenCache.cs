using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Shared;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The built-in <see cref="IWeChatAuthorizerTokenSource"/>: one token slot per account (single flight in the instance), the
/// accounts' refresh tokens in memory and, when enabled, in the shared cache with their access tokens (<see cref="AuthorizerStore"/>),
/// whose lock makes instances refresh an account one at a time.
/// </summary>
internal sealed class AuthorizerTokenCache : TokenCacheBase<WeChatOpenPlatformOptions>, IWeChatAuthorizerTokenSource
{
    private readonly OpenPlatformEndpointClient _endpoint;
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);

    public AuthorizerTokenCache(
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

    /// <summary>Gets how many account tokens were refreshed with WeChat.</summary>
    public int Refreshes => _endpoint.AuthorizerRefreshes;

    /// <summary>
    /// Runs after a refresh's tokens are saved and before the new access token is cached or returned: the point where a crash must
    /// lose nothing. Tests set it to inject that crash.
    /// </summary>
    internal Func<Task>? AfterRefreshSaved { get; set; }

    /// <inheritdoc/>
    public async Task<WeChatAuthorization> CompleteAuthorizationAsync(string componentAppId, string authorizationCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        ArgumentNullExceptionShim.ThrowIfNull(authorizationCode);
        if (authorizationCode.Length == 0)
        {
            throw new ArgumentException("The authorization code must not be empty.", nameof(authorizationCode));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var options = OptionsOf(componentAppId);
        var (authorizerAppId, tokens, scopes) = await _endpoint.QueryAuthAsync(options, authorizationCode).ConfigureAwait(false);
        var key = WeChatOpenPlatformDefaults.AuthorizerKey(componentAppId, authorizerAppId);
        await SaveAsync(options, authorizerAppId, key, tokens).ConfigureAwait(false);
        Slot(key).Set(tokens.AccessToken);
        return new WeChatAuthorization(componentAppId, authorizerAppId, tokens.RefreshToken, scopes);
    }

    /// <inheritdoc/>
    public async Task SetRefreshTokenAsync(string componentAppId, string authorizerAppId, string refreshToken, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(componentAppId, authorizerAppId);
        ArgumentNullExceptionShim.ThrowIfNull(refreshToken);
        if (refreshToken.Length == 0)
        {
            throw new ArgumentException("The refresh token must not be empty.", nameof(refreshToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var options = OptionsOf(componentAppId);
        _refreshTokens[key] = refreshToken;
        if (Shared(options) is { } shared)
        {
            var entry = ComponentTokenCache.SharedEntry(options);
            var (_, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (stored?.RefreshToken != refreshToken)
            {
                await AuthorizerStore.SetAsync(shared, entry, authorizerAppId, new StoredAuthorizer(refreshToken, stored?.AccessToken)).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<string> GetTokenAsync(string componentAppId, string authorizerAppId, CancellationToken cancellationToken)
    {
        var key = KeyOf(componentAppId, authorizerAppId);
        var slot = Slot(key);
        return slot.GetAsync(
            Time.GetUtcNow(),
            static s => s.Slot.LoadAsync(lastFailed => s.Cache.LoadAsync(s.Cache.OptionsOf(s.ComponentAppId), s.AuthorizerAppId, s.Key, lastFailed)),
            (Cache: this, ComponentAppId: componentAppId, AuthorizerAppId: authorizerAppId, Key: key, Slot: slot),
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask InvalidateAsync(string componentAppId, string authorizerAppId, string failedToken, CancellationToken cancellationToken)
    {
        var key = KeyOf(componentAppId, authorizerAppId);
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        Slot(key).Invalidate(failedToken);
        var options = OptionsOf(componentAppId);
        if (Shared(options) is { } shared)
        {
            // Compare and invalidate: only the access token goes; the refresh token beside it stays.
            var entry = ComponentTokenCache.SharedEntry(options);
            var (_, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (stored?.AccessToken?.Token == failedToken)
            {
                await AuthorizerStore.SetAsync(shared, entry, authorizerAppId, new StoredAuthorizer(stored.RefreshToken, null)).ConfigureAwait(false);
            }
        }
    }

    public bool TryGetCachedToken(string componentAppId, string authorizerAppId, [NotNullWhen(true)] out string? token) =>
        TryGetUnexpired(WeChatOpenPlatformDefaults.AuthorizerKey(componentAppId, authorizerAppId), out token);

    private WeChatOpenPlatformOptions OptionsOf(string componentAppId) =>
        GetOptions(componentAppId, static id => $"No open platform settings for component AppID '{id}'. Register them with services.AddWeChatOpenPlatform(\"{id}\", ...).");

    private static string KeyOf(string componentAppId, string authorizerAppId)
    {
        ArgumentNullExceptionShim.ThrowIfNull(componentAppId);
        ArgumentNullExceptionShim.ThrowIfNull(authorizerAppId);
        if (authorizerAppId.Length == 0)
        {
            throw new ArgumentException("The authorizer AppID must not be empty.", nameof(authorizerAppId));
        }

        return WeChatOpenPlatformDefaults.AuthorizerKey(componentAppId, authorizerAppId);
    }

    private DistributedTokenStore? Shared(WeChatOpenPlatformOptions options) => SharedStore(options.ComponentAppId, options.UseDistributedCache);

    private async Task<CachedAccessToken> LoadAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, string? lastFailed)
    {
        if (Shared(options) is not { } shared)
        {
            return await RefreshAsync(options, authorizerAppId, key, sharedRefreshToken: null).ConfigureAwait(false);
        }

        var entry = ComponentTokenCache.SharedEntry(options);
        bool Usable(StoredAuthorizer? stored) => stored?.AccessToken is { } token && Time.GetUtcNow() < token.RefreshAt && token.Token != lastFailed;

        var (answered, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
        if (Usable(stored))
        {
            return Take(key, stored!);
        }

        var refreshLock = answered ? await AuthorizerStore.LockAsync(shared, entry, authorizerAppId).ConfigureAwait(false) : RefreshLock.Unavailable;
        try
        {
            if (refreshLock.IsBusy)
            {
                // Another instance is refreshing this account: take what it saves.
                if (await AuthorizerStore.WaitForRefreshAsync(shared, entry, authorizerAppId, Time, Usable).ConfigureAwait(false) is { } refreshed)
                {
                    return Take(key, refreshed);
                }

                (_, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            }
            else if (refreshLock.IsAcquired)
            {
                // Another instance may have saved a new token between the read and the lock.
                (_, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
                if (Usable(stored))
                {
                    return Take(key, stored!);
                }
            }

            return await RefreshAsync(options, authorizerAppId, key, stored?.RefreshToken).ConfigureAwait(false);
        }
        finally
        {
            if (refreshLock.IsAcquired)
            {
                await AuthorizerStore.ReleaseAsync(shared, entry, authorizerAppId, refreshLock).ConfigureAwait(false);
            }
        }
    }

    private CachedAccessToken Take(string key, StoredAuthorizer stored)
    {
        _refreshTokens[key] = stored.RefreshToken;
        return stored.AccessToken!;
    }

    /// <summary>
    /// Refreshes the account with its refresh token: the shared one, else the one in memory, else the one <c>api_get_authorizer_info</c>
    /// returns. After <c>61023</c>, once more with the one <c>api_get_authorizer_info</c> returns, if it is another.
    /// </summary>
    private async Task<CachedAccessToken> RefreshAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, string? sharedRefreshToken)
    {
        var refreshToken = sharedRefreshToken ?? (_refreshTokens.TryGetValue(key, out var known) ? known : null)
            ?? await ReadRefreshTokenAsync(options, authorizerAppId).ConfigureAwait(false)
            ?? throw new WeChatReauthorizationRequiredException(options.ComponentAppId, authorizerAppId);
        AuthorizerTokens tokens;
        try
        {
            tokens = await _endpoint.RefreshAuthorizerAsync(options, authorizerAppId, refreshToken).ConfigureAwait(false);
        }
        catch (WeChatApiException invalid) when (IsCode(invalid, 61023))
        {
            var current = await ReadRefreshTokenAsync(options, authorizerAppId).ConfigureAwait(false);
            if (current is null || current == refreshToken)
            {
                throw new WeChatReauthorizationRequiredException(invalid.Details, options.ComponentAppId, authorizerAppId);
            }

            try
            {
                tokens = await _endpoint.RefreshAuthorizerAsync(options, authorizerAppId, current).ConfigureAwait(false);
            }
            catch (WeChatApiException again) when (IsCode(again, 61023) || IsCode(again, 61003))
            {
                throw new WeChatReauthorizationRequiredException(again.Details, options.ComponentAppId, authorizerAppId);
            }
        }
        catch (WeChatApiException revoked) when (IsCode(revoked, 61003))
        {
            throw new WeChatReauthorizationRequiredException(revoked.Details, options.ComponentAppId, authorizerAppId);
        }

        await SaveAsync(options, authorizerAppId, key, tokens).ConfigureAwait(false);
        if (AfterRefreshSaved is { } crash)
        {
            await crash().ConfigureAwait(false);
        }

        return tokens.AccessToken;
    }

    /// <summary>Saves the refresh token and the access token it came with, in memory and then in one shared write, before either is used.</summary>
    private async Task SaveAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, AuthorizerTokens tokens)
    {
        _refreshTokens[key] = tokens.RefreshToken;
        if (Shared(options) is { } shared)
        {
            await AuthorizerStore.SetAsync(shared, ComponentTokenCache.SharedEntry(options), authorizerAppId, new StoredAuthorizer(tokens.RefreshToken, tokens.AccessToken)).ConfigureAwait(false);
        }
    }

    private async Task<string?> ReadRefreshTokenAsync(WeChatOpenPlatformOptions options, string authorizerAppId)
    {
        try
        {
            return await _endpoint.GetRefreshTokenAsync(options, authorizerAppId).ConfigureAwait(false);
        }
        catch (WeChatApiException revoked) when (IsCode(revoked, 61003))
        {
            throw new WeChatReauthorizationRequiredException(revoked.Details, options.ComponentAppId, authorizerAppId);
        }
    }

    private static bool IsCode(WeChatApiException error, long code) => error.Product == WeChatProduct.WeChat && error.RawErrorCode == code;
}
