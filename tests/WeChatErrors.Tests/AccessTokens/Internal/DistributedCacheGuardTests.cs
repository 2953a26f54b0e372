using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.AccessTokens.Internal;

/// <summary>
/// The shared cache cannot hold a call hostage: each operation ends within <c>DistributedCacheTimeout</c> (on the fake clock),
/// a failure skips the cache for <c>DistributedCacheBreakDuration</c>, logged once, and one call tries it again afterwards.
/// </summary>
public sealed class DistributedCacheGuardTests : IDisposable
{
    private const string Timeout = "no answer within 00:00:01";
    private static readonly DateTimeOffset Now = TestErrors.Now;
    private static readonly CachedAccessToken T1 = CachedAccessToken.Create("T1", Now, Now.AddSeconds(7200), TimeSpan.FromMinutes(3));

    private readonly FakeLogger _logger = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeDistributedCache _cache = new();
    private readonly WeChatAccessTokenOptions _options = new() { AppId = "wx1", AppSecret = "SECRET" };
    private readonly DistributedTokenStore _store;

    public DistributedCacheGuardTests() => _store = new DistributedTokenStore(_cache, _clock, _logger);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task HangingCache_NullAtTheTimeout_NotBefore_WhateverTheCallersToken()
    {
        _cache.Behavior = FakeCacheBehavior.Hang;
        using var caller = new CancellationTokenSource();

        var read = _store.GetAsync(_options, caller.Token);
        await _cache.WaitForCallsAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));

        Assert.Null(await read);
        Assert.True(Assert.Single(_cache.Tokens).IsCancellationRequested, "a client that takes the token is told to stop");
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(new EventId(6, "WeChatTokenCacheFailed"), record.Id);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("The shared access token cache failed (no answer within 00:00:01) for wx1; going on without it, and skipping it for 00:00:30", record.Message);
        Assert.Null(record.Exception);
    }

    [Fact]
    public async Task TimeoutOption_Taken()
    {
        _cache.Behavior = FakeCacheBehavior.Hang;
        _options.DistributedCacheTimeout = TimeSpan.FromMilliseconds(250);
        _options.DistributedCacheBreakDuration = TimeSpan.FromMinutes(5);

        var read = _store.GetAsync(_options, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(read.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await read);
        Assert.Equal("The shared access token cache failed (no answer within 00:00:00.2500000) for wx1; going on without it, and skipping it for 00:05:00", _logger.LatestRecord.Message);
    }

    [Theory]
    [InlineData(FakeCacheBehavior.ThrowSynchronously, "TimeoutException")]
    [InlineData(FakeCacheBehavior.Faulted, "TimeoutException")]
    [InlineData(FakeCacheBehavior.Canceled, "TaskCanceledException")]
    [InlineData(FakeCacheBehavior.Hang, Timeout)]
    public async Task EveryFailure_Bypassed_ThenSkipped_LoggedOnce(FakeCacheBehavior behavior, string reason)
    {
        _cache.Behavior = behavior;

        Assert.Null(await ReadMovingTheClockAsync());

        // Skipped: every operation ends at once, without a call to the cache or another log.
        var skipped = new[]
        {
            _store.GetAsync(_options, CancellationToken.None),
            _store.SetAsync(_options, T1),
            _store.RemoveIfAsync(_options, "T1", CancellationToken.None),
        };
        Assert.All(skipped, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Null(await (Task<CachedAccessToken?>)skipped[0]);
        Assert.Equal(1, _cache.Calls);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(6, record.Id.Id);
        Assert.Equal($"The shared access token cache failed ({reason}) for wx1; going on without it, and skipping it for 00:00:30", record.Message);
    }

    [Fact]
    public async Task CacheBlocksTheThreadInsideItsAsyncMethod_CallerNotBlocked()
    {
        _cache.Behavior = FakeCacheBehavior.Block;

        // Started on another thread only so that this test fails, rather than hangs, if the call blocks.
        var read = await Task.Factory.StartNew(() => _store.GetAsync(_options, CancellationToken.None), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(10));
        await _cache.WaitForCallsAsync(1);
        Assert.False(read.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await read);
        Assert.Equal($"The shared access token cache failed ({Timeout}) for wx1; going on without it, and skipping it for 00:00:30", _logger.LatestRecord.Message);
        _cache.Unblock();
    }

    [Fact]
    public async Task AfterTheBreak_OneCallTriesAgain_ItsSuccessEndsTheSkip_LoggedOnce()
    {
        _cache.Behavior = FakeCacheBehavior.Faulted;
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        _cache.Behavior = FakeCacheBehavior.Answer;

        _clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        await _store.SetAsync(_options, T1);
        Assert.Equal(1, _cache.Calls);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(2, _cache.Calls);
        await _store.SetAsync(_options, T1);
        Assert.Equal("T1", (await _store.GetAsync(_options, CancellationToken.None))?.Token);
        Assert.Equal(4, _cache.Calls);

        var records = _logger.Collector.GetSnapshot();
        Assert.Equal([6, 7], records.Select(r => r.Id.Id));
        Assert.Equal(new EventId(7, "WeChatTokenCacheRestored"), records[1].Id);
        Assert.Equal(LogLevel.Information, records[1].Level);
        Assert.Equal("The shared access token cache answers again for wx1; using it again", records[1].Message);
    }

    [Fact]
    public async Task TryAgainFails_SkippedAnotherBreak_NoSecondWarning()
    {
        _cache.Behavior = FakeCacheBehavior.Faulted;
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(2, _cache.Calls);

        _clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(2, _cache.Calls);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(3, _cache.Calls);

        Assert.Single(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task WhileOneCallTriesAgain_TheOthersStillSkip()
    {
        _cache.Behavior = FakeCacheBehavior.Faulted;
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        _cache.Behavior = FakeCacheBehavior.Hang;
        _clock.Advance(TimeSpan.FromSeconds(30));

        var probe = _store.GetAsync(_options, CancellationToken.None);
        var other = _store.GetAsync(_options, CancellationToken.None);
        Assert.True(other.IsCompletedSuccessfully);
        await _cache.WaitForCallsAsync(2);
        Assert.Equal(2, _cache.Calls);

        _cache.Pending[0].SetResult(DistributedTokenStore.Serialize(T1));
        Assert.Equal("T1", (await probe)?.Token);
        _cache.Behavior = FakeCacheBehavior.Answer;
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(3, _cache.Calls);
        Assert.Equal([6, 7], _logger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task CallerCancels_WhileTheCacheHangs_ItsCancellation_NoSkip()
    {
        _cache.Behavior = FakeCacheBehavior.Hang;
        using var caller = new CancellationTokenSource();

        var read = _store.GetAsync(_options, caller.Token);
        await _cache.WaitForCallsAsync(1);
        caller.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(caller.Token, ex.CancellationToken);
        Assert.Empty(_logger.Collector.GetSnapshot());
        _cache.Behavior = FakeCacheBehavior.Answer;
        Assert.Null(await _store.GetAsync(_options, CancellationToken.None));
        Assert.Equal(2, _cache.Calls);
    }

    [Fact]
    public async Task LateFailureOfAnAbandonedCall_Observed()
    {
        var seen = new List<string>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) =>
        {
            lock (seen)
            {
                seen.AddRange(e.Exception.Flatten().InnerExceptions.Select(x => x.Message));
            }
        };
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            var marker = Guid.NewGuid().ToString("N");
            await AbandonThenFailLateAsync("late " + marker);
            FailUnobserved("control " + marker);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            lock (seen)
            {
                Assert.Contains("control " + marker, seen);
                Assert.DoesNotContain("late " + marker, seen);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailUnobserved(string message) =>
        _ = Task.FromException(new InvalidOperationException(message));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task AbandonThenFailLateAsync(string message)
    {
        _cache.Behavior = FakeCacheBehavior.Hang;
        var read = _store.GetAsync(_options, CancellationToken.None);
        await _cache.WaitForCallsAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await read);
        _cache.Pending[0].SetException(new InvalidOperationException(message));
        _cache.Pending.Clear();
    }

    private async Task<CachedAccessToken?> ReadMovingTheClockAsync()
    {
        var read = _store.GetAsync(_options, CancellationToken.None);
        if (_cache.Behavior == FakeCacheBehavior.Hang)
        {
            await _cache.WaitForCallsAsync(1);
            Assert.False(read.IsCompleted);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await read;
    }
}
