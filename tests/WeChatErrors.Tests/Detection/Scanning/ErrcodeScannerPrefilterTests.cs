using System.Numerics;
using System.Text;
using WeChatErrors.Detection.Scanning;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Detection.Scanning;

/// <summary>The prefilter may only clear a body in which no key can be errcode, at every length and placement.</summary>
public class ErrcodeScannerPrefilterTests
{
    private static readonly byte[][] Needles = ["errcode\""u8.ToArray(), "\\"u8.ToArray()];

    /// <summary>The window: <see cref="Vector{T}"/>'s length on this machine.</summary>
    private static readonly int Width = Vector<byte>.Count;

    [Fact]
    public void CannotNameErrcode_NeedleAtAnyOffset_IsFalse()
    {
        for (int length = 0; length <= 3 * Width; length++)
        {
            foreach (byte[] needle in Needles)
            {
                for (int offset = 0; offset + needle.Length <= length; offset++)
                {
                    byte[] json = Filler(length);
                    needle.CopyTo(json, offset);
                    Assert.False(ErrcodeScanner.CannotNameErrcode(json), $"length {length}, {Encoding.UTF8.GetString(needle)} at {offset}");
                }
            }
        }
    }

    [Fact]
    public void CannotNameErrcode_NoNeedle_IsTrueFromOneWindowAndItsReachOn()
    {
        for (int length = 0; length <= 3 * Width; length++)
        {
            // Shorter bodies are left to the scan: the answer is false, never a guess.
            Assert.Equal(length >= Width + 7, ErrcodeScanner.CannotNameErrcode(Filler(length)));
        }
    }

    [Fact]
    public void CannotNameErrcode_KeyThatIsNotErrcode_IsTrue()
    {
        byte[] json = Filler(100);
        "errcobe\""u8.CopyTo(json.AsSpan(40));
        Assert.True(ErrcodeScanner.CannotNameErrcode(json));
        "errcode'"u8.CopyTo(json.AsSpan(40));
        Assert.True(ErrcodeScanner.CannotNameErrcode(json));
    }

    [Fact]
    public void CannotNameErrcode_BodyEndingBeforeAnUnreadablePage_ReadsNothingPastIt()
    {
        if (!GuardedBuffer.IsSupported)
        {
            return;
        }

        using var buffer = GuardedBuffer.Create(4 * Width);
        for (int length = 0; length <= buffer.Capacity; length++)
        {
            Span<byte> body = buffer.EndingAtGuard(length);
            Filler(length).CopyTo(body);
            Assert.Equal(length >= Width + 7, ErrcodeScanner.CannotNameErrcode(body));
        }
    }

    [Fact]
    public void CannotNameErrcode_GeneratedDocuments_ClearsOnlyThoseWithoutErrcode()
    {
        var corpus = new JsonCorpus(23);
        int cleared = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] json = i % 2 == 0 ? corpus.Next(corpus.NextSize() % 4096) : PlainDocument(new Random(i), 24 + (i % 2000));
            if (ErrcodeScanner.CannotNameErrcode(json))
            {
                cleared++;
                Assert.True(
                    ReferenceErrcodeScanner.Scan(json).Status is ErrcodeScanStatus.NoErrcode or ErrcodeScanStatus.NotAnObject,
                    Encoding.UTF8.GetString(json));
            }
        }

        // The plain half has no errcode and no backslash: the prefilter clears all of it.
        Assert.True(cleared >= 1500, $"{cleared} cleared");
    }

    [Fact]
    public void Scan_BodiesTheSearchClears_KeepTheirStatus()
    {
        byte[] notAnObject = Encoding.UTF8.GetBytes("  [" + new string('1', 60) + "]");
        byte[] noErrcode = Encoding.UTF8.GetBytes("{\"access_token\":\"" + new string('A', 60) + "\",\"expires_in\":7200}");
        Assert.True(ErrcodeScanner.CannotNameErrcode(notAnObject) && ErrcodeScanner.CannotNameErrcode(noErrcode));

        Assert.Equal(ErrcodeScanStatus.NotAnObject, ErrcodeScanner.Scan(notAnObject).Status);
        Assert.Equal(ErrcodeScanStatus.NoErrcode, ErrcodeScanner.Scan(noErrcode).Status);
    }

    /// <summary>JSON-like bytes with <c>e</c>, <c>d</c> and quotes, but never an <c>e</c> with a <c>d</c> 5 bytes and a quote 7 bytes after it, and no backslash.</summary>
    private static byte[] Filler(int length)
    {
        byte[] bytes = new byte[length];
        ReadOnlySpan<byte> pattern = "{\"code\":\"ed\",\"order\":[1,2],\"e\":\"d\"}"u8;
        for (int i = 0; i < length; i++)
        {
            bytes[i] = pattern[i % pattern.Length];
        }

        return bytes;
    }

    /// <summary>A WeChat-like success object with no errcode key and no escape, of about <paramref name="length"/> bytes.</summary>
    private static byte[] PlainDocument(Random random, int length)
    {
        var text = new StringBuilder("{\"openid\":\"o6_bmjrPTlm6_2sgVt7hMZOPfL2M\",\"list\":[");
        while (text.Length < length)
        {
            text.Append('"').Append(random.Next()).Append("\",");
        }

        text.Append("\"end\"],\"expires_in\":7200}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
