using System.Text;

namespace FakeWeChat;

/// <summary>One scripted answer of <see cref="FakeWeChatServer"/>.</summary>
/// <param name="StatusCode">The HTTP status; WeChat answers errors with 200.</param>
/// <param name="ContentType">The <c>Content-Type</c> header, or <see langword="null"/> for none.</param>
/// <param name="Body">The body bytes.</param>
public sealed record FakeResponse(int StatusCode, string? ContentType, byte[] Body)
{
    /// <summary>Gets a delay before the answer is written.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A JSON answer with HTTP 200, labelled as WeChat labels it.</summary>
    public static FakeResponse Json(string json, string contentType = "application/json; encoding=utf-8") => new(200, contentType, Encoding.UTF8.GetBytes(json));

    /// <summary>A WeChat error body, <c>{"errcode":N,"errmsg":"..."}</c>, with HTTP 200.</summary>
    public static FakeResponse Error(int errcode, string errmsg, string contentType = "application/json; encoding=utf-8")
        => Json($"{{\"errcode\":{errcode},\"errmsg\":\"{errmsg}\"}}", contentType);

    /// <summary>A binary answer, such as a media download.</summary>
    public static FakeResponse Binary(byte[] bytes, string contentType) => new(200, contentType, bytes);
}
