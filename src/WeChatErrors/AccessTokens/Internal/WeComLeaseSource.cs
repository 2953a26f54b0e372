using System.Diagnostics.CodeAnalysis;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// One WeCom application seen as a token source of the supply and the recovery (<see cref="AccessTokenSupplyHandler"/>,
/// <see cref="TokenRecoveryStrategy"/>), which know one key per token: the key is <c>corpId:app</c>, and every call goes to the
/// WeCom source for that corp and application. The recovery acts only on WeCom's 40014 and 42001.
/// </summary>
internal sealed class WeComLeaseSource : IWeChatAccessTokenSource, IWeChatAccessTokenCache
{
    private readonly IWeComAccessTokenSource _source;

    public WeComLeaseSource(IWeComAccessTokenSource source, string corpId, string app)
    {
        _source = source;
        CorpId = corpId;
        App = app;
        Key = WeComAccessTokenDefaults.Key(corpId, app);
    }

    public string CorpId { get; }

    public string App { get; }

    /// <summary>Gets the key the supply knows the application by (and logs): <c>corpId:app</c>.</summary>
    public string Key { get; }

    public ValueTask<string> GetTokenAsync(string appId, CancellationToken cancellationToken) => _source.GetTokenAsync(CorpId, App, cancellationToken);

    public ValueTask InvalidateAsync(string appId, string failedToken, CancellationToken cancellationToken) =>
        _source.InvalidateAsync(CorpId, App, failedToken, cancellationToken);

    public bool TryGetCachedToken(string appId, [NotNullWhen(true)] out string? token)
    {
        token = null;
        return _source is WeComAccessTokenCache cache && cache.TryGetCachedToken(CorpId, App, out token);
    }
}
