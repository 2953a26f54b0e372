
namespace WeChatErrors.Detection;

/// <summary>What <see cref="WeChatErrorBody.Parse(ReadOnlySpan{byte})"/> found in a response body.</summary>
internal enum WeChatErrorBodyStatus
{
    /// <summary>The body is not one valid JSON object, or its top-level <c>errcode</c> is not an integer.</summary>
    NotReadable = 0,

    /// <summary>The body is a JSON object whose top-level <c>errcode</c> is 0 or absent.</summary>
    Success,

    /// <summary>The body is a JSON object with a non-zero top-level <c>errcode</c>.</summary>
    Error,
}
