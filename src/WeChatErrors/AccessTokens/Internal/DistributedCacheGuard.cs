using System.Globalization;
using Microsoft.Extensions.Logging;
using WeChatErrors.Shared;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Keeps the shared cache of one AppID from holding a call hostage. Each operation gets
/// <see cref="WeChatAccessTokenOptions.DistributedCacheTimeout"/> of its own; one that fails or does not answer in time is
/// abandoned (its late end observed) and the cache is skipped for <see cref="WeChatAccessTokenOptions.DistributedCacheBreakDuration"/>,
/// logged once. When that period is over, one call tries the cache again while the others still skip it; its success ends the skip.
/// </summary>
internal sealed class DistributedCacheGuard
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _skipping;
    private bool _probing;
    private DateTimeOffset _skipUntil;

    public DistributedCacheGuard(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    private enum Admission
    {
        Skip,
        Normal,
        Probe,
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on the cache. Returns <see langword="false"/> (and the default value) when the cache is
    /// being skipped, fails or does not answer in time; only the caller's own cancellation is thrown.
    /// </summary>
    public async Task<(bool Answered, T? Value)> TryRunAsync<T>(
        WeChatAccessTokenOptions options, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var admission = Admit();
        if (admission == Admission.Skip)
        {
            return (false, default);
        }

        var timeout = CreateTimeoutSource(options.DistributedCacheTimeout);
        var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken) : null;
        var token = linked?.Token ?? timeout.Token;

        // On the thread pool: a cache that blocks inside its async method (or throws there) cannot block or fail the caller.
        var task = Task.Run(() => operation(token), CancellationToken.None);
        try
        {
            var value = await TaskWaitShim.WaitAsync(task, token).ConfigureAwait(false);
            Succeeded(admission, options);
            return (true, value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Released(admission);
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (Exception ex)
        {
            var reason = timeout.IsCancellationRequested && (!task.IsCompleted || ex is OperationCanceledException)
                ? "no answer within " + options.DistributedCacheTimeout.ToString("c", CultureInfo.InvariantCulture)
                : ex.GetType().Name;
            Failed(admission, options, reason);
            return (false, default);
        }
        finally
        {
            // The task may be unfinished (abandoned) or fail after the wait gave up on it: observe its end in every case, so a
            // late failure is never an unobserved task exception, and dispose the sources then, not before (the cache may still
            // register on the token). Not inline: the task may end inside the timeout source's own Cancel.
            _ = task.ContinueWith(
                static (t, state) =>
                {
                    _ = t.Exception;
                    var (timeoutSource, linkedSource) = ((CancellationTokenSource, CancellationTokenSource?))state!;
                    linkedSource?.Dispose();
                    timeoutSource.Dispose();
                },
                (timeout, linked),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    private Admission Admit()
    {
        lock (_gate)
        {
            if (!_skipping)
            {
                return Admission.Normal;
            }

            if (_probing || _time.GetUtcNow() < _skipUntil)
            {
                return Admission.Skip;
            }

            _probing = true;
            return Admission.Probe;
        }
    }

    private void Succeeded(Admission admission, WeChatAccessTokenOptions options)
    {
        // Only the probe ends a skip: a call admitted before the failure and answered after it proves little.
        if (admission != Admission.Probe)
        {
            return;
        }

        lock (_gate)
        {
            _skipping = false;
            _probing = false;
        }

        WeChatErrorsLog.TokenCacheRestored(_logger, options.AppId);
    }

    private void Failed(Admission admission, WeChatAccessTokenOptions options, string reason)
    {
        bool first;
        lock (_gate)
        {
            first = !_skipping;
            if (first || admission == Admission.Probe)
            {
                _skipping = true;
                _probing = false;
                _skipUntil = _time.GetUtcNow() + options.DistributedCacheBreakDuration;
            }
        }

        if (first)
        {
            WeChatErrorsLog.TokenCacheFailed(_logger, reason, options.AppId, options.DistributedCacheBreakDuration);
        }
    }

    private void Released(Admission admission)
    {
        if (admission == Admission.Probe)
        {
            lock (_gate)
            {
                _probing = false;
            }
        }
    }

    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout) =>
#if NET8_0_OR_GREATER
        new(timeout, _time);
#else
        _time.CreateCancellationTokenSource(timeout);
#endif
}
