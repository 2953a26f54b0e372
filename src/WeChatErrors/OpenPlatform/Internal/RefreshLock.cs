namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>The outcome of taking an account's refresh lock in the shared cache (<see cref="AuthorizerStore.LockAsync"/>).</summary>
internal sealed class RefreshLock
{
    private RefreshLock(string? owner, bool busy)
    {
        Owner = owner;
        IsBusy = busy;
    }

    /// <summary>Gets the lock when the cache does not answer: the refresh goes on, single-flight in this instance only.</summary>
    public static RefreshLock Unavailable { get; } = new(null, busy: false);

    /// <summary>Gets the lock when another instance holds it.</summary>
    public static RefreshLock Busy { get; } = new(null, busy: true);

    /// <summary>Gets this instance's owner id while it holds the lock.</summary>
    public string? Owner { get; }

    public bool IsBusy { get; }

    public bool IsAcquired => Owner is not null;

    public static RefreshLock Acquired(string owner) => new(owner, busy: false);
}
