
namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>Records a WeCom application registered with <c>AddWeComAccessTokens</c>, by its key <c>corpId:app</c>.</summary>
internal sealed class WeComAccessTokenAppMarker
{
    public WeComAccessTokenAppMarker(string key) => Key = key;

    public string Key { get; }
}
