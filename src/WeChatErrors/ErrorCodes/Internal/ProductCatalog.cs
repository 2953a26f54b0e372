using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.ErrorCodes.Internal;

/// <summary>
/// The catalog of one product's code space: the one place that picks <see cref="WeChatErrorCodes"/> or
/// <see cref="WeComErrorCodes"/> for a number, so that a WeCom code is never read with a WeChat name, kind or description.
/// </summary>
internal readonly struct ProductCatalog
{
    private readonly WeChatProduct _product;

    private ProductCatalog(WeChatProduct product) => _product = product;

    /// <summary>Gets the start of the description of a code beyond the <see cref="int"/> range (the digits follow).</summary>
    public string UnknownCodeText => IsWeCom ? "unknown WeCom error code " : "unknown WeChat error code ";

    private bool IsWeCom => _product == WeChatProduct.WeCom;

    public static ProductCatalog Of(WeChatProduct product) => new(product);

    public WeChatErrorKind GetKind(int code) => IsWeCom ? WeComErrorCodes.GetKind(code) : WeChatErrorCodes.GetKind(code);

    public bool IsTransient(int code) => IsWeCom ? WeComErrorCodes.IsTransient(code) : WeChatErrorCodes.IsTransient(code);

    public string GetDescription(int code, CultureInfo culture) =>
        IsWeCom ? ((WeComErrorCode)code).GetDescription(culture) : ((WeChatErrorCode)code).GetDescription(culture);

    /// <summary>Gets the name the exception message shows beside the number: the member name, after <c>WeCom </c> for WeCom.</summary>
    public bool TryGetName(int code, [NotNullWhen(true)] out string? name)
    {
        name = IsWeCom
            ? (WeComErrorCodes.TryGetInfo(code, out var wecom) ? "WeCom " + wecom.Name : null)
            : (WeChatErrorCodes.TryGetInfo(code, out var wechat) ? wechat.Name : null);
        return name is not null;
    }

    /// <summary>Returns whether the request called an endpoint that issues tokens from a secret: there, a token code means a wrong secret.</summary>
    public bool IsTokenEndpoint(Uri? requestUri) =>
        IsWeCom ? WeComTokenEndpoints.IsTokenEndpoint(requestUri) : WeChatTokenEndpoints.IsTokenEndpoint(requestUri);
}
