

namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>Records an AppID registered with <c>AddWeChatAccessTokens</c>.</summary>
internal sealed class WeChatAccessTokenAppMarker
{
    public WeChatAccessTokenAppMarker(string appId) => AppId = appId;

    public string AppId { get; }
}

/// <summary>Records that a client already has the token supply, and for which AppID.</summary>
internal sealed class WeChatAccessTokenSupplyMarker
{
    public WeChatAccessTokenSupplyMarker(string clientName, string appId)
    {
        ClientName = clientName;
        AppId = appId;
    }

    public string ClientName { get; }

    public string AppId { get; }
}
