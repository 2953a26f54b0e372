namespace WeChatErrors;

/// <summary>
/// The product whose API answered, and so the code space an <c>errcode</c> belongs to. The same number often means something
/// else in each: 40001 is a stale access token in WeChat and a wrong corpsecret in WeCom.
/// </summary>
public enum WeChatProduct
{
    /// <summary>WeChat (微信): Official Account, mini-program, open platform (<c>api.weixin.qq.com</c>); codes are <see cref="WeChatErrorCode"/>.</summary>
    WeChat = 0,

    /// <summary>WeCom (企业微信, formerly WeChat Work; <c>qyapi.weixin.qq.com</c>); codes are <see cref="WeComErrorCode"/>.</summary>
    WeCom = 1,
}
