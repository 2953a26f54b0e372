namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// What the token cache last saw when it fetched the token of one AppID from WeChat, for the health check. It keeps only
/// redacted facts (the exception's type name, the code, the kind, the rid), never the exception object, whose text is not
/// ours when it is an <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class TokenFetchHealth
{
    private readonly object _gate = new();
    private TokenFetchSnapshot _snapshot = TokenFetchSnapshot.NeverFetched;

    /// <summary>Gets what the last fetches did; <see cref="TokenFetchSnapshot.NeverFetched"/> before the first.</summary>
    public TokenFetchSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    public void RecordSuccess(DateTimeOffset at)
    {
        lock (_gate)
        {
            _snapshot = new TokenFetchSnapshot(at, null);
        }
    }

    public void RecordFailure(Exception exception, DateTimeOffset at)
    {
        var api = exception as WeChatApiException;
        lock (_gate)
        {
            var failures = (_snapshot.LastFailure?.ConsecutiveFailures ?? 0) + 1;
            _snapshot = new TokenFetchSnapshot(
                _snapshot.LastSuccessAt,
                new TokenFetchFailure(at, exception.GetType().Name, api?.ErrorCode, api?.Kind, api?.Description, api?.RequestId, failures));
        }
    }
}

/// <summary>The last outcome of the fetches of one AppID: a failure since the last success, or none.</summary>
/// <param name="LastSuccessAt">When a fetch last succeeded, or <see langword="null"/>.</param>
/// <param name="LastFailure">The failure of the last fetch, or <see langword="null"/> when it succeeded (or none ran yet).</param>
internal sealed record TokenFetchSnapshot(DateTimeOffset? LastSuccessAt, TokenFetchFailure? LastFailure)
{
    public static TokenFetchSnapshot NeverFetched { get; } = new(null, null);
}

/// <summary>The failure of the last fetch of one AppID.</summary>
/// <param name="At">When it failed, on the cache's <see cref="TimeProvider"/>.</param>
/// <param name="ExceptionType">The name of the exception's type (never its message).</param>
/// <param name="ErrorCode">The WeChat code, when WeChat answered one.</param>
/// <param name="Kind">The kind of <paramref name="ErrorCode"/>.</param>
/// <param name="Description">The catalog description of <paramref name="ErrorCode"/>.</param>
/// <param name="RequestId">WeChat's rid, to quote to WeChat support.</param>
/// <param name="ConsecutiveFailures">How many fetches in a row failed.</param>
internal sealed record TokenFetchFailure(
    DateTimeOffset At,
    string ExceptionType,
    WeChatErrorCode? ErrorCode,
    WeChatErrorKind? Kind,
    string? Description,
    string? RequestId,
    int ConsecutiveFailures);
