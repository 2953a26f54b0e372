using System.Net.Http.Headers;
using System.Text;
using WeChatErrors.Http.Inspection;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http.Inspection;

public sealed class ReplayContentTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(WeChatBodies.Followers);
    private const int PrefixLength = 40;

    /// <summary>The ways to read a content; the synchronous ones only where this assembly's contents have them (not netstandard2.0).</summary>
    public static TheoryData<string> Reads => TestedBuild.IsNetStandard
        ? ["ReadAsStreamAsync", "ReadAsByteArrayAsync", "CopyToAsync"]
        : ["ReadAsStreamAsync", "ReadAsByteArrayAsync", "CopyToAsync", "ReadAsStream", "CopyTo"];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task PrefixAndRest_ReplaysTheWholeBody(string read)
    {
        using var content = new ReplayContent(Original(), Body[..PrefixLength], PrefixLength, new OneWayStream(Body[PrefixLength..]));

        Assert.Equal(Body, await ReadAll(content, read));
    }

    [Fact]
    public async Task PrefixAndRest_ReadInSmallPieces_ByteForByte()
    {
        using var content = new ReplayContent(Original(), Body[..PrefixLength], PrefixLength, new OneWayStream(Body[PrefixLength..]));
        using var stream = await content.ReadAsStreamAsync();
        var read = new List<byte>();
        var piece = new byte[7];
        int n;
        while ((n = await stream.ReadAsync(piece)) > 0)
        {
            read.AddRange(piece.AsSpan(0, n).ToArray());
        }

        Assert.Equal(Body, read);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public void Headers_CopiedFromTheOriginal()
    {
        var original = Original();
        original.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        original.Headers.ContentLanguage.Add("zh-CN");
        original.Headers.TryAddWithoutValidation("X-WeChat-Trace", "abc");
        original.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "qr.jpg" };

        using var content = new ReplayContent(original, Body, PrefixLength, new OneWayStream(Body[PrefixLength..]));

        Assert.Equal("text/plain; charset=utf-8", content.Headers.ContentType?.ToString());
        Assert.Equal(["zh-CN"], content.Headers.ContentLanguage);
        Assert.Equal(["abc"], content.Headers.GetValues("X-WeChat-Trace"));
        Assert.Equal("attachment; filename=qr.jpg", content.Headers.ContentDisposition?.ToString());
    }

    [Fact]
    public void ContentLength_UnknownWhileTheRestIsUnread()
    {
        using var partial = new ReplayContent(Original(), Body, PrefixLength, new OneWayStream(Body[PrefixLength..]));

        Assert.Null(partial.Headers.ContentLength);
    }

    [Fact]
    public void Dispose_DisposesTheRestAndTheOriginal()
    {
        var originalStream = new ObservedStream(Body);
        var rest = new ObservedStream(Body[PrefixLength..]);
        var content = new ReplayContent(new StreamContent(originalStream), Body, PrefixLength, rest);

        content.Dispose();

        Assert.True(rest.Disposed);
        Assert.True(originalStream.Disposed);
    }

    // The original as the inspector leaves it: its stream read, its length unknown.
    private static StreamContent Original() => new(new OneWayStream([]));

    private static async Task<byte[]> ReadAll(HttpContent content, string read)
    {
        using var target = new MemoryStream();
        switch (read)
        {
            case "ReadAsStreamAsync":
                await (await content.ReadAsStreamAsync()).CopyToAsync(target);
                break;
            case "ReadAsByteArrayAsync":
                return await content.ReadAsByteArrayAsync();
            case "CopyToAsync":
                await content.CopyToAsync(target);
                break;
            case "ReadAsStream":
                content.ReadAsStream().CopyTo(target);
                break;
            case "CopyTo":
                content.CopyTo(target, null, CancellationToken.None);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(read), read, null);
        }

        return target.ToArray();
    }
}
