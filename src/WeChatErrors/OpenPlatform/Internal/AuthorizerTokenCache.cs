using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>
/// The built-in <see cref="IWeChatAuthorizerTokenSource"/>: one token slot per account (single flight in the instance), the
/// accounts' refresh tokens in memory and, when enabled, in the shared cache with their access tokens (<see cref="AuthorizerStore"/>),
/// whose lock makes instances refresh an account one at a time.
/// </summary>
internal sealed class AuthorizerTokenCache : TokenCacheBase<WeChatOpenPlatformOptions>, IWeChatAuthorizerTokenSource
{
    private readonly OpenPlatformEndpointClient _endpoint;
    private readonly ComponentTokenCache _platforms;
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);

    // Refresh tokens this instance got from WeChat that the shared cache did not take (it failed or was skipped): newer than the
    // shared copy, so they win over it until a write succeeds.
    private readonly ConcurrentDictionary<string, bool> _unshared = new(StringComparer.Ordinal);

    // Accounts WeChat said must authorize again (61003, or 61023 with no other refresh token): not refreshed again for a while.
    private readonly ConcurrentDictionary<string, (WeChatReauthorizationRequiredException Error, DateTimeOffset Until)> _mustReauthorize = new(StringComparer.Ordinal);

    private readonly IWeChatRefreshTokenStore? _durable;

    public AuthorizerTokenCache(
        OpenPlatformEndpointClient endpoint,
        ComponentTokenCache platforms,
        IWeChatRefreshTokenStore? durable,
        IOptionsMonitor<WeChatOpenPlatformOptions> options,
        IEnumerable<string> componentAppIds,
        TimeProvider? timeProvider,
        IServiceProvider services,
        ILogger? logger)
        : base(options.Get, componentAppIds, timeProvider, services, logger)
    {
        _endpoint = endpoint;
        _platforms = platforms;
        _durable = durable;
    }

    /// <summary>How long an account WeChat said must authorize again is not refreshed: a new authorization on this instance ends it at once.</summary>
    internal static readonly TimeSpan ReauthorizationBackoff = TimeSpan.FromMinutes(1);

    /// <summary>How many times a load takes turns for the lock before it refreshes on its own.</summary>
    private const int LockRounds = 2;

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
        _mustReauthorize.TryRemove(key, out _);
        await SaveAsync(options, authorizerAppId, key, tokens).ConfigureAwait(false);
        Slot(key).Set(tokens.AccessToken!);
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

        // After a reauthorization the application's token is the newer one; otherwise a stored one may have rotated since.
        var replace = _mustReauthorize.TryRemove(key, out _);
        if (Shared(options) is { } shared)
        {
            var entry = ComponentTokenCache.SharedEntry(options);
            var (answered, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (answered && (stored is null || replace))
            {
                await AuthorizerStore.SetAsync(shared, entry, authorizerAppId, new AuthorizerTokens(refreshToken, null)).ConfigureAwait(false);
            }
        }

        if (replace)
        {
            _refreshTokens[key] = refreshToken;
        }
        else
        {
            _refreshTokens.TryAdd(key, refreshToken);
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
    /// <remarks>
    /// The shared entry is not written: its refresh token must never be put back over a newer one another instance saves at the
    /// same moment. The failed token stays there until the next refresh replaces it, and no load of this instance takes it again.
    /// </remarks>
    public ValueTask InvalidateAsync(string componentAppId, string authorizerAppId, string failedToken, CancellationToken cancellationToken)
    {
        var key = KeyOf(componentAppId, authorizerAppId);
        ArgumentNullExceptionShim.ThrowIfNull(failedToken);
        _ = OptionsOf(componentAppId);
        Slot(key).Invalidate(failedToken);
        return default;
    }

    public bool TryGetCachedToken(string componentAppId, string authorizerAppId, [NotNullWhen(true)] out string? token) =>
        TryGetUnexpired(WeChatOpenPlatformDefaults.AuthorizerKey(componentAppId, authorizerAppId), out token);

    private WeChatOpenPlatformOptions OptionsOf(string componentAppId) => _platforms.GetOptions(componentAppId);

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

    private DistributedTokenStore? Shared(WeChatOpenPlatformOptions options) => _platforms.SharedStoreOf(options);

    private async Task<CachedAccessToken> LoadAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, string? lastFailed)
    {
        if (_mustReauthorize.TryGetValue(key, out var mark) && Time.GetUtcNow() < mark.Until)
        {
            throw mark.Error.Again();
        }

        if (Shared(options) is not { } shared)
        {
            return await RefreshAsync(options, authorizerAppId, key, sharedRefreshToken: null).ConfigureAwait(false);
        }

        var entry = ComponentTokenCache.SharedEntry(options);
        bool Usable(AuthorizerTokens? stored) => stored?.AccessToken is { } token && Time.GetUtcNow() < token.RefreshAt && token.Token != lastFailed;

        var (answered, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
        if (Usable(stored))
        {
            return Take(key, stored!);
        }

        // One instance at a time: a waiter takes what the holder saves, or the lock itself when the holder let go without a token
        // (its refresh failed); after a few rounds it refreshes on its own rather than wait on.
        var refreshLock = RefreshLock.Unavailable;
        for (var round = 0; answered && round < LockRounds; round++)
        {
            refreshLock = await AuthorizerStore.LockAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (!refreshLock.IsBusy)
            {
                break;
            }

            if (await AuthorizerStore.WaitForRefreshAsync(shared, entry, authorizerAppId, Time, Usable).ConfigureAwait(false) is { } refreshed)
            {
                return Take(key, refreshed);
            }
        }

        try
        {
            // Another instance may have saved a new token between the read and the lock.
            (_, stored) = await AuthorizerStore.GetAsync(shared, entry, authorizerAppId).ConfigureAwait(false);
            if (Usable(stored))
            {
                return Take(key, stored!);
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

    private CachedAccessToken Take(string key, AuthorizerTokens stored)
    {
        if (!_unshared.ContainsKey(key))
        {
            _refreshTokens[key] = stored.RefreshToken;
        }

        return stored.AccessToken!;
    }

    /// <summary>
    /// Refreshes the account with its refresh token: the shared one, else the one in memory, else the one <c>api_get_authorizer_info</c>
    /// returns. After <c>61023</c>, once more with the one <c>api_get_authorizer_info</c> returns, if it is another.
    /// </summary>
    private async Task<CachedAccessToken> RefreshAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, string? sharedRefreshToken)
    {
        var known = _refreshTokens.TryGetValue(key, out var inMemory) ? inMemory : null;
        var refreshToken = (_unshared.ContainsKey(key) ? known : null) ?? sharedRefreshToken ?? known
            ?? await ReadDurableAsync(options, authorizerAppId).ConfigureAwait(false)
            ?? await ReadRefreshTokenAsync(options, authorizerAppId).ConfigureAwait(false)
            ?? throw MustReauthorize(key, new WeChatReauthorizationRequiredException(options.ComponentAppId, authorizerAppId));
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
                throw MustReauthorize(key, new WeChatReauthorizationRequiredException(invalid.Details, options.ComponentAppId, authorizerAppId));
            }

            try
            {
                tokens = await _endpoint.RefreshAuthorizerAsync(options, authorizerAppId, current).ConfigureAwait(false);
            }
            catch (WeChatApiException again) when (IsCode(again, 61023) || IsCode(again, 61003))
            {
                throw MustReauthorize(key, new WeChatReauthorizationRequiredException(again.Details, options.ComponentAppId, authorizerAppId));
            }
        }
        catch (WeChatApiException revoked) when (IsCode(revoked, 61003))
        {
            throw MustReauthorize(key, new WeChatReauthorizationRequiredException(revoked.Details, options.ComponentAppId, authorizerAppId));
        }

        await SaveAsync(options, authorizerAppId, key, tokens).ConfigureAwait(false);
        if (AfterRefreshSaved is { } crash)
        {
            await crash().ConfigureAwait(false);
        }

        // The endpoint client's answers always carry the access token (it throws otherwise).
        return tokens.AccessToken!;
    }

    /// <summary>
    /// Saves the refresh token and the access token it came with, in memory, in the durable store (the refresh token), and in one
    /// shared write (both), before either is used.
    /// </summary>
    private async Task SaveAsync(WeChatOpenPlatformOptions options, string authorizerAppId, string key, AuthorizerTokens tokens)
    {
        _refreshTokens[key] = tokens.RefreshToken;
        if (_durable is not null)
        {
            try
            {
                await _durable.SaveRefreshTokenAsync(options.ComponentAppId, authorizerAppId, tokens.RefreshToken, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                WeChatErrorsLog.RefreshTokenStoreFailed(Logger, ex.GetType().Name, "save", options.ComponentAppId, authorizerAppId);
            }
        }

        if (Shared(options) is { } shared)
        {
            if (await AuthorizerStore.SetAsync(shared, ComponentTokenCache.SharedEntry(options), authorizerAppId, new AuthorizerTokens(tokens.RefreshToken, tokens.AccessToken)).ConfigureAwait(false))
            {
                _unshared.TryRemove(key, out _);
            }
            else
            {
                _unshared[key] = true;
            }
        }
    }

    private async Task<string?> ReadDurableAsync(WeChatOpenPlatformOptions options, string authorizerAppId)
    {
        if (_durable is null)
        {
            return null;
        }

        try
        {
            var stored = await _durable.GetRefreshTokenAsync(options.ComponentAppId, authorizerAppId, CancellationToken.None).ConfigureAwait(false);
            return string.IsNullOrEmpty(stored) ? null : stored;
        }
        catch (Exception ex)
        {
            WeChatErrorsLog.RefreshTokenStoreFailed(Logger, ex.GetType().Name, "read", options.ComponentAppId, authorizerAppId);
            return null;
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
            throw MustReauthorize(
                WeChatOpenPlatformDefaults.AuthorizerKey(options.ComponentAppId, authorizerAppId),
                new WeChatReauthorizationRequiredException(revoked.Details, options.ComponentAppId, authorizerAppId));
        }
    }

    /// <summary>Remembers that the account must authorize again, so that its calls are not refreshed again for <see cref="ReauthorizationBackoff"/>.</summary>
    private WeChatReauthorizationRequiredException MustReauthorize(string key, WeChatReauthorizationRequiredException error)
    {
        _mustReauthorize[key] = (error, Time.GetUtcNow() + ReauthorizationBackoff);
        return error;
    }

    private static bool IsCode(WeChatApiException error, long code) => error.Product == WeChatProduct.WeChat && error.RawErrorCode == code;
}
