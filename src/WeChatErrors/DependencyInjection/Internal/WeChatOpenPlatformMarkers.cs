namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>Records a third-party platform registered with <c>AddWeChatOpenPlatform</c>.</summary>
internal sealed class WeChatOpenPlatformMarker(string componentAppId)
{
    public string ComponentAppId { get; } = componentAppId;
}
