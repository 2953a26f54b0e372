namespace WeChatErrors.Http.Inspection;

/// <summary>
/// The one cancellation rule of the inspection: a read that takes no token (a synchronous read) is aborted by disposing
/// the response, as HttpClient itself does; whatever the read then throws becomes the caller's
/// <see cref="OperationCanceledException"/>. Reads that can take the token get it instead: on a disposed response
/// SocketsHttpHandler first drains the rest of a small body, for up to 2 s, while a cancelled read aborts the connection.
/// </summary>
internal readonly struct CancelByDispose : IDisposable
{
    private readonly CancellationTokenRegistration _registration;
    private readonly CancellationToken _cancellationToken;

    public CancelByDispose(HttpResponseMessage response, bool register, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _registration = register && cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response)
            : default;
    }

    /// <summary>Returns whether <paramref name="exception"/> is what a cancelled read threw (and is not already a cancellation).</summary>
    public bool Caused(Exception exception) => _cancellationToken.IsCancellationRequested && exception is not OperationCanceledException;

    public void Dispose() => _registration.Dispose();
}
