using System.Collections;
using System.Net;
using WeChatErrors.Exceptions.Internal;

namespace WeChatErrors.Tests.Exceptions;

public sealed partial class WeChatApiExceptionTests
{
    private const string Secret = "S3cr3tV4lue";

    public static TheoryData<string> SecretNames => new()
    {
        "access_token", "ACCESS_TOKEN", "Access_Token",
        "secret", "SECRET", "appsecret", "AppSecret",
        "code", "Code", "refresh_token", "component_access_token",
        "authorizer_access_token", "authorizer_refresh_token", "ticket", "component_verify_ticket",
        "js_code", "password", "sign", "signature", "key", "token",
    };

    [Theory]
    [MemberData(nameof(SecretNames))]
    public void Redaction_SecretInAnyPosition_NeverLeaks(string name)
    {
        string[] shapes =
        [
            "https://api.weixin.qq.com/cgi-bin/x?{0}={1}",
            "https://api.weixin.qq.com/cgi-bin/x?{0}={1}&type=image",
            "https://api.weixin.qq.com/cgi-bin/x?type=image&{0}={1}&lang=zh_CN",
            "https://api.weixin.qq.com/cgi-bin/x?type=image&{0}={1}",
            "https://api.weixin.qq.com/cgi-bin/x?{0}={1}&{0}={1}2&{0}=",
            "https://api.weixin.qq.com/cgi-bin/x?{0}=&other={1}",
            "https://api.weixin.qq.com/cgi-bin/x?{0}&next={1}",
            "https://user:{1}@api.weixin.qq.com/cgi-bin/x?{0}={1}#{1}",
            "/cgi-bin/x?{0}={1}",
            "https://api.weixin.qq.com/cgi-bin/x?{2}={1}",
        ];
        string encodedName = Uri.EscapeDataString(name).Replace("_", "%5F", StringComparison.Ordinal);

        foreach (string shape in shapes)
        {
            string url = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, name, Secret, encodedName);
            // errmsg keeps harmless values, so it quotes the URL only when every value there sits under a secret name.
            bool secretNamesOnly = !shape.Contains("other=", StringComparison.Ordinal) && !shape.Contains("next=", StringComparison.Ordinal);
            string errmsg = $"invalid {name}={Secret}, see {(secretNamesOnly ? url : "the docs")} rid: 60882f1f-676dc618-710dc5ca";

            WeChatApiException exception = WeChatExceptionFactory.Create(
                40001,
                null,
                errmsg,
                "GET",
                new Uri(url, UriKind.RelativeOrAbsolute),
                HttpStatusCode.OK,
                loggedQueryParameters: [name, name.ToUpperInvariant()]);

            AssertNoSecret(exception, url);
            Assert.Equal("60882f1f-676dc618-710dc5ca", exception.RequestId);
        }
    }

    [Theory]
    [MemberData(nameof(SecretNames))]
    public void Redaction_PublicConstructor_NeverLeaks(string name)
    {
        var uri = new Uri($"https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&{name}={Secret}&grant_type=authorization_code");

        var exception = new WeChatAccessTokenException(WeChatErrorCode.InvalidCredential, $"{name}={Secret} invalid", HttpMethod.Get, uri, HttpStatusCode.OK);

        AssertNoSecret(exception, uri.ToString());
        Assert.Contains("appid=wx1", exception.RequestUri, StringComparison.Ordinal);
        Assert.Contains("grant_type=authorization_code", exception.RequestUri, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(WeChatApiException exception, string context)
    {
        Assert.False(exception.Message.Contains(Secret, StringComparison.OrdinalIgnoreCase), context + " -> Message: " + exception.Message);
        Assert.False(exception.ToString().Contains(Secret, StringComparison.OrdinalIgnoreCase), context + " -> ToString");
        Assert.False(exception.RequestUri?.Contains(Secret, StringComparison.OrdinalIgnoreCase) ?? false, context + " -> RequestUri: " + exception.RequestUri);
        Assert.False(exception.ErrorMessage?.Contains(Secret, StringComparison.OrdinalIgnoreCase) ?? false, context + " -> ErrorMessage: " + exception.ErrorMessage);
        foreach (DictionaryEntry entry in exception.Data)
        {
            Assert.DoesNotContain(Secret, entry.Value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }
}
