
namespace WeChatErrors.Detection.Scanning;

/// <summary>Outcome of <see cref="ErrcodeScanner.Scan"/>.</summary>
internal enum ErrcodeScanStatus
{
    /// <summary>After an optional UTF-8 BOM and JSON whitespace the first byte is not <c>{</c> (includes empty input).</summary>
    NotAnObject,

    /// <summary>The top-level object has no member named exactly <c>errcode</c>.</summary>
    NoErrcode,

    /// <summary>The raw value token of a top-level <c>errcode</c> member was located: the first non-zero one, else the last.</summary>
    Found,

    /// <summary>The scanner could not decide cheaply; the caller falls back to a full JSON parse.</summary>
    Unsure,
}
