using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WeChatErrors.Detection;
using WeChatErrors.Http.Inspection;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http.Inspection;

/// <summary>What the inspector finds in a body and what it leaves for the caller; failures and cancellation are in <see cref="ResponseInspectorFailureTests"/>.</summary>
public sealed class ResponseInspectorTests
{
    private const long Limit = 16 * 1024 * 1024;

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(false, false)]
    public async Task ErrorBody_FoundOnEveryPath_AndLeftReadable(bool async, bool knownLength)
    {
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.DailyQuota);
        using var response = Response(bytes, knownLength);

        var error = await Inspect(response, Limit, async);

        Assert.NotNull(error);
        Assert.Equal(WeChatErrorBodyStatus.Error, error.Value.Status);
        Assert.Equal(45009, error.Value.RawErrorCode);
        Assert.Equal("reach max api daily quota limit rid: 658cff8e-11111111-22222222", error.Value.ErrorMessage);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [SyncInlineData(false, true)]
    [SyncInlineData(false, false)]
    public async Task SuccessBody_NoError_BytesUnchanged(bool async, bool knownLength)
    {
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.Followers);
        using var response = Response(bytes, knownLength);

        Assert.Null(await Inspect(response, Limit, async));
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KnownLengthOverTheLimit_NotRead_ContentUntouched(bool async)
    {
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy);
        var stream = new ObservedStream(bytes);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };
        var original = response.Content;

        Assert.Null(await Inspect(response, bytes.Length - 1, async));

        Assert.Same(original, response.Content);
        Assert.Equal(0, stream.BytesRead);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(true)]
    [SyncInlineData(false)]
    public async Task UnknownLengthOverTheLimit_NotInspected_PassedOnByteForByte(bool async)
    {
        // An error at the start of a body that turns out larger than the limit is not an answer the handler judges.
        var bytes = Encoding.UTF8.GetBytes("{\"errcode\":-1,\"errmsg\":\"" + new string('x', 100_000) + "\"}");
        using var response = Response(bytes, knownLength: false);

        Assert.Null(await Inspect(response, 1000, async));

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(true, 0, true)] // exactly the limit: read whole and inspected
    [SyncInlineData(false, 0, true)]
    [InlineData(true, 1, false)] // one byte more: passed on unchecked
    [SyncInlineData(false, 1, false)]
    public async Task UnknownLength_TheLimitIsTheLargestBodyInspected(bool async, int overLimit, bool detected)
    {
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy);
        using var response = Response(bytes, knownLength: false);

        var error = await Inspect(response, bytes.Length - overLimit, async);

        Assert.Equal(detected, error is not null);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("audio/amr")]
    [InlineData("video/mp4")]
    [InlineData("font/woff2")]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    [InlineData("application/zip")]
    [InlineData("application/vnd.ms-excel")]
    [InlineData("IMAGE/PNG")]
    public async Task NonJsonMediaType_NotRead(string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy);
        var stream = new ObservedStream(bytes);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var original = response.Content;

        Assert.Null(await Inspect(response, Limit, async: true));
        Assert.Null(await Inspect(response, Limit, async: false));

        Assert.Same(original, response.Content);
        Assert.Equal(0, stream.BytesRead);
    }

    [Theory]
    [InlineData("text/plain")] // WeChat labels JSON errors from media downloads text/plain
    [InlineData("text/html")]
    [InlineData("application/problem+json")]
    [InlineData(null)]
    public async Task JsonCandidateMediaType_Inspected(string? mediaType)
    {
        using var response = Response(Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy), knownLength: false);
        response.Content.Headers.ContentType = mediaType is null ? null : new MediaTypeHeaderValue(mediaType);

        Assert.Equal(-1, (await Inspect(response, Limit, async: true))?.RawErrorCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmptyBody_NotRead(bool async)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        var original = response.Content;

        Assert.Null(await Inspect(response, Limit, async));
        Assert.Same(original, response.Content);
    }

    [SyncFact]
    public async Task SyncPath_CompletesAtOnce()
    {
        using var response = Response(Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy), knownLength: false);

        var pending = ResponseInspector.InspectAsync(response, Limit, async: false, CancellationToken.None);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(-1, (await pending)?.RawErrorCode);
    }

    internal static HttpResponseMessage Response(byte[] bytes, bool knownLength)
    {
        HttpContent content = knownLength ? new ByteArrayContent(bytes) : new StreamContent(new OneWayStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    internal static async Task<WeChatErrorBody?> Inspect(HttpResponseMessage response, long maxBodySize, bool async, CancellationToken cancellationToken = default) =>
        await ResponseInspector.InspectAsync(response, maxBodySize, async, cancellationToken);
}
