using WeChatErrors.Detection.Scanning;

namespace WeChatErrors.Detection;

/// <summary>
/// Finds a WeChat error in a response body: the fast scanner clears success bodies, and only a body that names a
/// non-zero top-level <c>errcode</c> is parsed in full by System.Text.Json, which also validates the whole document.
/// </summary>
internal static class WeChatErrorDetector
{
    public static WeChatErrorBody? Detect(ReadOnlySpan<byte> body)
    {
        var scan = ErrcodeScanner.Scan(body);
        if (scan.Status is ErrcodeScanStatus.NotAnObject or ErrcodeScanStatus.NoErrcode || (scan.Status == ErrcodeScanStatus.Found && scan.IsZero))
        {
            return null;
        }

        var parsed = WeChatErrorBody.Parse(body);
        return parsed.Status == WeChatErrorBodyStatus.Error ? parsed : null;
    }
}
