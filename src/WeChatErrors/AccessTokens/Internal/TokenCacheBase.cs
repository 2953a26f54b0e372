using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// What both built-in token sources share: one <see cref="TokenSlot"/> per registered app key, the named options of each app,
/// the clock, and the shared second level (<see cref="DistributedTokenStore"/>) when an app enables it.
/// </summary>
/// <typeparam name="TOptions">The options of one app, named after its key.</typeparam>
internal abstract class TokenCacheBase<TOptions>
    where TOptions : class
{
    private readonly ConcurrentDictionary<string, TokenSlot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DistributedTokenStore> _stores = new(StringComparer.Ordinal);
    private readonly Func<string, TOptions> _options;
    private readonly HashSet<string> _keys;
    private readonly IServiceProvider _services;

    /// <param name="options">Returns the named options of an app (the options monitor's <c>Get</c>: the derived class passes its own,
    /// so that this generic class needs no trimming annotation).</param>
    /// <param name="keys">The keys of the registered apps.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="services">Where the shared cache is found.</param>
    /// <param name="logger">Where a failing shared cache is logged; nowhere when <see langword="null"/>.</param>
    protected TokenCacheBase(Func<string, TOptions> options, IEnumerable<string> keys, TimeProvider? timeProvider, IServiceProvider services, ILogger? logger)
    {
        _options = options;
        _keys = new HashSet<string>(keys, StringComparer.Ordinal);
        Time = timeProvider ?? TimeProvider.System;
        _services = services;
        Logger = logger ?? NullLogger.Instance;
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected TokenSlot Slot(string key) => _slots.GetOrAdd(key, static _ => new TokenSlot());

    /// <summary>Returns the app's token while it has not expired, without loading.</summary>
    protected bool TryGetUnexpired(string key, [NotNullWhen(true)] out string? token)
    {
        token = null;
        return _slots.TryGetValue(key, out var slot) && slot.TryGetUnexpired(Time.GetUtcNow(), out token);
    }

    /// <summary>Returns the options of a registered app; <paramref name="notRegistered"/> words the error for any other key.</summary>
    protected TOptions GetOptions(string key, Func<string, string> notRegistered) =>
        _keys.Contains(key) ? _options(key) : throw new InvalidOperationException(notRegistered(key));

    /// <summary>Gets whether <paramref name="key"/> is the key of a registered app.</summary>
    protected bool IsRegisteredKey(string key) => _keys.Contains(key);

    /// <summary>
    /// Returns the app's shared second level when <paramref name="enabled"/>, over the registered <see cref="IDistributedCache"/>:
    /// one per app, kept, so that a failing cache is skipped across calls.
    /// </summary>
    protected DistributedTokenStore? SharedStore(string key, bool enabled) =>
        !enabled ? null : _stores.TryGetValue(key, out var store) ? store : _stores.GetOrAdd(key, _ => CreateStore());

    private DistributedTokenStore CreateStore() =>
        new(
            _services.GetService<IDistributedCache>() ?? throw new InvalidOperationException(
                $"{typeof(TOptions).Name}.UseDistributedCache is set, but no IDistributedCache is registered (for example with AddStackExchangeRedisCache)."),
            Time,
            Logger);
}
