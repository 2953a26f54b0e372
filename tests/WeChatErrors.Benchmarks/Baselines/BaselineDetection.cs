using System.Net.Http.Headers;

namespace WeChatErrors.Benchmarks.Baselines;

/// <summary>What the comparison handlers throw for a non-zero errcode.</summary>
public sealed class BaselineWeChatException(long errcode, string? errmsg) : Exception($"WeChat error {errcode}: {errmsg}")
{
    public long ErrorCode { get; } = errcode;
}

/// <summary>
/// The shared part of the comparison handlers, written the way a typical WeChat SDK does it: skip binary content types,
/// buffer the body (as HttpClient would), read the buffered stream with a JSON library, throw for a non-zero errcode.
/// </summary>
public abstract class BaselineDetectingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!MayBeJson(response.Content.Headers.ContentType))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var (errcode, errmsg) = await ReadErrcodeAsync(stream, cancellationToken).ConfigureAwait(false);
        if (errcode != 0)
        {
            response.Dispose();
            throw new BaselineWeChatException(errcode, errmsg);
        }

        // The caller reads the buffered content again, from the start.
        stream.Position = 0;
        return response;
    }

    /// <summary>Reads the top-level errcode (0 when absent) and errmsg.</summary>
    protected abstract ValueTask<(long Errcode, string? Errmsg)> ReadErrcodeAsync(Stream body, CancellationToken cancellationToken);

    private static bool MayBeJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is not { } mediaType
        || !(mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase));
}
