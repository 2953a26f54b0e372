namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Marks every request of a client with <c>AddWeComAccessToken</c> as a WeCom request (<c>ReadAsWeCom</c>), so its answers are
/// read with the WeCom catalog and recovered by WeCom's rules wherever the API is served (a private deployment, a proxy).
/// </summary>
internal sealed class WeComRequestMarker : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request.ReadAsWeCom(), cancellationToken);

#if NET5_0_OR_GREATER
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.Send(request.ReadAsWeCom(), cancellationToken);
#endif
}
