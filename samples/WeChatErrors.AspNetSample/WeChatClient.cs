using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace WeChatErrors.AspNetSample;

/// <summary>
/// A small typed client. It never checks errcode itself: the handler registered with AddWeChatErrorHandling turns every
/// WeChat error into a typed exception before a body reaches this code. Nor does it handle the access token: the handler
/// registered with AddWeChatAccessToken adds it to each request, and sends a request again once when WeChat rejects the token.
/// </summary>
public sealed class WeChatClient(HttpClient http)
{
    public async Task<FollowerPage> GetFollowersAsync(string? nextOpenId, CancellationToken cancellationToken)
    {
        var url = $"cgi-bin/user/get?next_openid={Uri.EscapeDataString(nextOpenId ?? string.Empty)}";
        return (await http.GetFromJsonAsync<FollowerPage>(url, cancellationToken))!;
    }

    public async Task<TemplateMessageResult> SendTemplateMessageAsync(TemplateMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "cgi-bin/message/template/send")
        {
            Content = JsonContent.Create(message),
        };

        // A template message must not be delivered twice: no automatic retry, whatever the error.
        request.DisableWeChatRetry();
        using var response = await http.SendAsync(request, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<TemplateMessageResult>(cancellationToken))!;
    }
}

public sealed record FollowerPage(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("data")] FollowerIds? Data,
    [property: JsonPropertyName("next_openid")] string? NextOpenId);

public sealed record FollowerIds([property: JsonPropertyName("openid")] IReadOnlyList<string> OpenIds);

public sealed record TemplateMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("template_id")] string TemplateId,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, TemplateValue> Data);

public sealed record TemplateValue([property: JsonPropertyName("value")] string Value);

public sealed record TemplateMessageResult([property: JsonPropertyName("msgid")] long MessageId);
