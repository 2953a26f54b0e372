using System.Net.Http.Headers;
using System.Text;
using WeChatErrors.Http.Inspection;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http.Inspection;

/// <summary>A body the handler read whole reaches the caller through every read, synchronous ones included, on every build.</summary>
public sealed class WholeBodyContentTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(WeChatBodies.Followers);

    [Theory]
    [InlineData("ReadAsStream")]
    [InlineData("CopyTo")]
    [InlineData("ReadAsByteArrayAsync")]
    public async Task WholeBody_ReadAnyWay_IsTheBodyWithTheOriginalsHeaders(string read)
    {
        var buffer = new byte[Body.Length + 1];
        Body.CopyTo(buffer, 0);
        var original = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" } } };
        using var content = new WholeBodyContent(original, buffer, Body.Length);

        byte[] bytes;
        switch (read)
        {
            case "ReadAsStream":
                using (var stream = content.ReadAsStream())
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy);
                    bytes = copy.ToArray();
                }

                break;
            case "CopyTo":
                using (var copy = new MemoryStream())
                {
                    content.CopyTo(copy, null, CancellationToken.None);
                    bytes = copy.ToArray();
                }

                break;
            default:
                bytes = await content.ReadAsByteArrayAsync();
                break;
        }

        Assert.Equal(Body, bytes);
        Assert.Equal("text/plain; charset=utf-8", content.Headers.ContentType?.ToString());
        Assert.Equal(Body.Length, content.Headers.ContentLength);
    }

    [Fact]
    public void Dispose_DisposesTheOriginal()
    {
        var original = new ObservedContent();
        var content = new WholeBodyContent(original, [1, 2], 2);

        content.Dispose();

        Assert.True(original.Disposed);
    }

    private sealed class ObservedContent : ByteArrayContent
    {
        public ObservedContent()
            : base([])
        {
        }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
