

namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>Records that a client already has the handler, so registering twice does not add it twice.</summary>
internal sealed class WeChatErrorHandlingMarker
{
    public WeChatErrorHandlingMarker(string clientName) => ClientName = clientName;

    public string ClientName { get; }
}
