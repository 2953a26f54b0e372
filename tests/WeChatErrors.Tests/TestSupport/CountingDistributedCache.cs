using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>Counts the calls that reach a real <see cref="IDistributedCache"/> (such as Redis), and passes them on.</summary>
internal sealed class CountingDistributedCache(IDistributedCache inner) : IDistributedCache, IDisposable
{
    private int _calls;

    public IDistributedCache Inner => inner;

    /// <summary>Gets how many calls were made, finished or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Replaces the <see cref="IDistributedCache"/> registered last (for example by <c>AddStackExchangeRedisCache</c>) with a counting one around it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDistributedCache));
        services.Remove(registered);
        services.AddSingleton<IDistributedCache>(sp => new CountingDistributedCache(
            registered.ImplementationFactory is { } factory
                ? (IDistributedCache)factory(sp)
                : (IDistributedCache)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }

    public byte[]? Get(string key) => Count(() => inner.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Count(() => inner.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Count(() => { inner.Set(key, value, options); return 0; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Count(() => inner.SetAsync(key, value, options, token));

    public void Refresh(string key) => Count(() => { inner.Refresh(key); return 0; });

    public Task RefreshAsync(string key, CancellationToken token = default) => Count(() => inner.RefreshAsync(key, token));

    public void Remove(string key) => Count(() => { inner.Remove(key); return 0; });

    public Task RemoveAsync(string key, CancellationToken token = default) => Count(() => inner.RemoveAsync(key, token));

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private T Count<T>(Func<T> call)
    {
        Interlocked.Increment(ref _calls);
        return call();
    }
}
