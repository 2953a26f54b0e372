using Microsoft.Extensions.Caching.Distributed;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>How <see cref="FakeDistributedCache"/> answers its asynchronous calls.</summary>
public enum FakeCacheBehavior
{
    /// <summary>From its dictionary, at once.</summary>
    Answer,

    /// <summary>Throws <see cref="FakeDistributedCache.Failure"/> before it returns a task.</summary>
    ThrowSynchronously,

    /// <summary>Returns a task faulted with <see cref="FakeDistributedCache.Failure"/>.</summary>
    Faulted,

    /// <summary>Returns a cancelled task (not the caller's cancellation).</summary>
    Canceled,

    /// <summary>Returns a task that ends only when the test ends it (<see cref="FakeDistributedCache.Pending"/>), whatever the token.</summary>
    Hang,

    /// <summary>Blocks the calling thread inside the async method until <see cref="FakeDistributedCache.Unblock"/>.</summary>
    Block,
}

/// <summary>An <see cref="IDistributedCache"/> in a dictionary that can fail, hang or block as a broken Redis client would.</summary>
internal sealed class FakeDistributedCache : IDistributedCache, IDisposable
{
    private readonly Dictionary<string, byte[]> _entries = [];
    private readonly ManualResetEventSlim _unblock = new();
    private int _calls;

    public FakeCacheBehavior Behavior { get; set; }

    public Exception Failure { get; set; } = new TimeoutException("redis down");

    /// <summary>Gets the expiry of each entry written.</summary>
    public Dictionary<string, TimeSpan?> Expiry { get; } = [];

    /// <summary>Gets the tasks handed out in <see cref="FakeCacheBehavior.Hang"/>, to end them late.</summary>
    public List<TaskCompletionSource<byte[]?>> Pending { get; } = [];

    /// <summary>Gets the token of each call, in order.</summary>
    public List<CancellationToken> Tokens { get; } = [];

    /// <summary>Gets how many asynchronous calls were made.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Unblock() => _unblock.Set();

    /// <summary>Calls come on the thread pool: waits (without moving any clock) until <paramref name="count"/> calls reached the cache.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Calls < count && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.Equal(count, Calls);
    }

    public byte[]? Get(string key) => throw new NotSupportedException("the store reads asynchronously");

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        Run(token, () => _entries.GetValueOrDefault(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Run(token, () =>
        {
            _entries[key] = value;
            Expiry[key] = options.AbsoluteExpirationRelativeToNow;
            return null;
        });

    public void Refresh(string key) => throw new NotSupportedException();

    public Task RefreshAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

    public void Remove(string key) => throw new NotSupportedException();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        Run(token, () =>
        {
            _entries.Remove(key);
            return null;
        });

    public void Dispose()
    {
        _unblock.Set();
        _unblock.Dispose();
    }

    private Task<byte[]?> Run(CancellationToken token, Func<byte[]?> answer)
    {
        lock (Tokens)
        {
            Tokens.Add(token);
        }

        // Counted once the call has done what a test may look at (a pending task handed out), before it blocks.
        switch (Behavior)
        {
            case FakeCacheBehavior.ThrowSynchronously:
                Count();
                throw Failure;
            case FakeCacheBehavior.Faulted:
                Count();
                return Task.FromException<byte[]?>(Failure);
            case FakeCacheBehavior.Canceled:
                Count();
                return Task.FromCanceled<byte[]?>(new CancellationToken(canceled: true));
            case FakeCacheBehavior.Hang:
                var pending = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (Pending)
                {
                    Pending.Add(pending);
                }

                Count();
                return pending.Task;
            case FakeCacheBehavior.Block:
                Count();
                _unblock.Wait();
                return Task.FromResult(answer());
            default:
                Count();
                token.ThrowIfCancellationRequested();
                lock (_entries)
                {
                    return Task.FromResult(answer());
                }
        }
    }

    private void Count() => Interlocked.Increment(ref _calls);
}
