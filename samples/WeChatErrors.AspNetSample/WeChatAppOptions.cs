using System.ComponentModel.DataAnnotations;

namespace WeChatErrors.AspNetSample;

/// <summary>The WeChat account this sample calls, from the "WeChat" configuration section.</summary>
public sealed class WeChatAppOptions
{
    [Required]
    public Uri BaseAddress { get; set; } = new("https://api.weixin.qq.com/");

    [Required]
    public string AppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the AppSecret. It travels only in the body of the token request.</summary>
    [Required]
    public string AppSecret { get; set; } = string.Empty;
}
