using Microsoft.Extensions.Logging;
using WeChatErrors.Shared.Telemetry;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Fetches one WeCom access token: <c>GET cgi-bin/gettoken?corpid=...&amp;corpsecret=...</c> through the WeCom token client, which
/// has error handling, no token supply and no request logging (the secret is in the URL). The request is read as a WeCom answer
/// wherever the endpoint is, so 40001 there is a <see cref="WeChatConfigurationException"/> (wrong corpsecret), never retried.
/// </summary>
internal sealed class WeComTokenEndpointClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _fetches;

    public WeComTokenEndpointClient(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many tokens were fetched from WeCom, for all applications.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public async Task<CachedAccessToken> FetchAsync(WeComAccessTokenOptions options)
    {
        var baseAddress = options.BaseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, WeComTokenEndpoints.GetTokenPath +
            "?corpid=" + Uri.EscapeDataString(options.CorpId) + "&corpsecret=" + Uri.EscapeDataString(options.CorpSecret))).ReadAsWeCom();

        var (token, fetchedAt, expiresIn) = await TokenEndpointClient.SendAsync(_httpClientFactory, WeComAccessTokenDefaults.TokenClientName, request, _time).ConfigureAwait(false);
        Interlocked.Increment(ref _fetches);
        WeChatErrorsLog.WeComTokenFetched(_logger, options.CorpId, options.App, TimeSpan.FromSeconds(expiresIn));
        return CachedAccessToken.Create(token, fetchedAt, fetchedAt.AddSeconds(expiresIn), options.RefreshBeforeExpiry);
    }
}
