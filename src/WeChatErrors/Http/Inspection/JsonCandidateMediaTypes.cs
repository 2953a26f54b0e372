using System.Net.Http.Headers;

namespace WeChatErrors.Http.Inspection;

/// <summary>
/// Decides from the <c>Content-Type</c> alone whether a body can be a WeChat JSON answer.
/// </summary>
/// <remarks>
/// WeChat sends JSON errors as <c>text/plain</c> from media and QR-code downloads, and JSON successes as
/// <c>application/json</c> or <c>text/plain</c>, so only types that can never hold JSON are excluded: those bodies are
/// handed over without being read, however large.
/// </remarks>
internal static class JsonCandidateMediaTypes
{
    public static bool MayBeJson(MediaTypeHeaderValue? contentType)
    {
        var mediaType = contentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType))
        {
            return true;
        }

        // What WeChat sends, as it sends it: decided without the case-insensitive comparisons below.
        if (mediaType is "application/json" or "text/plain")
        {
            return true;
        }

        if (mediaType!.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !(StartsWith(mediaType, "image/")
            || StartsWith(mediaType, "audio/")
            || StartsWith(mediaType, "video/")
            || StartsWith(mediaType, "font/")
            || StartsWith(mediaType, "application/vnd.")
            || Is(mediaType, "application/octet-stream")
            || Is(mediaType, "application/pdf")
            || Is(mediaType, "application/zip")
            || Is(mediaType, "application/gzip")
            || Is(mediaType, "application/x-gzip")
            || Is(mediaType, "application/x-tar")
            || Is(mediaType, "application/msword"));
    }

    private static bool StartsWith(string mediaType, string prefix) => mediaType.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Is(string mediaType, string other) => string.Equals(mediaType, other, StringComparison.OrdinalIgnoreCase);
}
