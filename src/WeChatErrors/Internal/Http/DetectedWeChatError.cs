namespace WeChatErrors.Internal.Http;

/// <summary>The <c>errcode</c> and <c>errmsg</c> read from a response body that reports a WeChat error.</summary>
internal sealed class DetectedWeChatError
{
    public DetectedWeChatError(long errorCode, string? errorCodeText, string? errorMessage)
    {
        ErrorCode = errorCode;
        ErrorCodeText = errorCodeText;
        ErrorMessage = errorMessage;
    }

    /// <summary>Gets the errcode, clamped to the range of <see cref="long"/>.</summary>
    public long ErrorCode { get; }

    /// <summary>Gets the errcode digits as sent, when they do not fit in a <see cref="long"/>; otherwise <see langword="null"/>.</summary>
    public string? ErrorCodeText { get; }

    public string? ErrorMessage { get; }
}
