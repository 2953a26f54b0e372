namespace WeChatErrors;

/// <summary>
/// Looks up what the catalog knows about WeChat error codes.
/// </summary>
public static partial class WeChatErrorCodes
{
}
