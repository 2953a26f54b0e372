using System.Text;
using WeChatErrors.Detection.Scanning;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Detection.Scanning;

public class ErrcodeScannerHostileInputTests
{
    public static TheoryData<string> PathData() => ScanPaths.All();

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_DeepNesting_DoesNotRecurse(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        const int Depth = 10_000;
        Assert.Equal(ErrcodeScanStatus.NotAnObject, scan(Encoding.ASCII.GetBytes(new string('[', Depth))).Status);

        string open = string.Concat(Enumerable.Repeat("{\"a\":", Depth));
        Assert.Equal(ErrcodeScanStatus.NoErrcode, scan(Encoding.ASCII.GetBytes(open + "1" + new string('}', Depth))).Status);

        // Unbalanced: never closed, or closed too often.
        _ = scan(Encoding.ASCII.GetBytes(open + "{\"errcode\":1"));
        _ = scan(Encoding.ASCII.GetBytes("{\"errcode\":1" + new string('}', Depth) + "\"errcode\":2}"));
        _ = scan(Encoding.ASCII.GetBytes("{" + new string(']', Depth) + "\"errcode\":2}"));

        string deepThenErrcode = "{\"a\":" + string.Concat(Enumerable.Repeat("[{\"errcode\":1,\"b\":", 3000)) + "0" + string.Concat(Enumerable.Repeat("}]", 3000)) + ",\"errcode\":-1}";
        byte[] json = Encoding.ASCII.GetBytes(deepThenErrcode);
        ErrcodeScanResult result = scan(json);
        Assert.Equal(ErrcodeScanStatus.Found, result.Status);
        Assert.Equal("-1", Encoding.ASCII.GetString(json, result.ValueStart, result.ValueLength));
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_MegabytesOfWhitespace_StaysLinear(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        int size = ScanPaths.IsAccelerated(path) ? 10_000_000 : 1_000_000;
        byte[] json = new byte[size + 2];
        json.AsSpan().Fill((byte)' ');
        json[^2] = (byte)'{';
        json[^1] = (byte)'}';
        Assert.Equal(ErrcodeScanStatus.NoErrcode, scan(json).Status);

        json.AsSpan().Fill((byte)'\n');
        Assert.Equal(ErrcodeScanStatus.NotAnObject, scan(json.AsSpan(0, size)).Status);

        // Whitespace inside the object, around the key and its colon.
        string spaces = new(' ', size / 4);
        byte[] inside = Encoding.ASCII.GetBytes("{" + spaces + "\"errcode\"" + spaces + ":" + spaces + "0" + spaces + "}");
        ErrcodeScanResult result = scan(inside);
        Assert.Equal(ErrcodeScanStatus.Found, result.Status);
        Assert.True(result.IsZero);
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_InvalidUtf8AndRandomBytes_NeverThrows(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        byte[] invalid = [(byte)'{', (byte)'"', 0xFF, 0xC0, (byte)'"', (byte)':', 0xE4, 0xB8, (byte)',', (byte)'"', .. "errcode\":1}"u8];
        ErrcodeScanResult result = scan(invalid);
        Assert.Equal(ErrcodeScanStatus.Found, result.Status);

        var random = new Random(3);
        int count = ScanPaths.IsAccelerated(path) ? 2000 : 300;
        for (int i = 0; i < count; i++)
        {
            byte[] bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                bytes[0] = (byte)'{';
            }

            _ = scan(bytes);
        }
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_TruncatedAtEveryLength_NeverThrows(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        string[] documents =
        [
            """{"errmsg":"a\"b\\c{[","list":[{"errcode":1},"x\\\\\""],"err\u0063ode":"40001","errcode" : -1.5e3 }""",
            """{"errcode":"0"}""",
            "{\"a\":\"" + new string('\\', 80) + "\",\"errcode\":true,\"b\":{\"c\":[" + new string(' ', 70) + "]}}",
        ];

        foreach (string document in documents)
        {
            byte[] json = Encoding.UTF8.GetBytes(document);
            for (int length = 0; length <= json.Length; length++)
            {
                // Copy so that any read past the end would hit the array bounds, not the rest of the document.
                byte[] prefix = json.AsSpan(0, length).ToArray();
                ErrcodeScanResult result = scan(prefix);
                if (result.Status == ErrcodeScanStatus.Found)
                {
                    Assert.InRange(result.ValueStart + result.ValueLength, 1, length);
                }
            }
        }
    }

    /// <summary>
    /// The vector paths read with unchecked loads: a body that ends right before an unreadable page, at every length up
    /// to past the prefilter's limit, would crash the run if any path read one byte too far.
    /// </summary>
    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_BodyEndingBeforeAnUnreadablePage_ReadsNothingPastIt(string path)
    {
        if (!GuardedBuffer.IsSupported)
        {
            return;
        }

        ScanFunction scan = ScanPaths.Get(path);
        int maxLength = ScanPaths.IsAccelerated(path) ? 2200 : 300;
        using var buffer = GuardedBuffer.Create(maxLength);
        string[] fillers =
        [
            // Passes the prefilter: it is read to the last byte.
            """{"code":"ed","order":[1,2],"e":"d"}""",
            """{"errmsg":"a\"b\\c{[","list":[{"errcode":1},"x\\\\\""],"errcode" : 0 }""",
        ];

        foreach (string filler in fillers)
        {
            byte[] pattern = Encoding.UTF8.GetBytes(filler);
            for (int length = 0; length <= maxLength; length++)
            {
                Span<byte> body = buffer.EndingAtGuard(length);
                for (int i = 0; i < length; i++)
                {
                    body[i] = pattern[i % pattern.Length];
                }

                Assert.InRange(scan(body).Status, ErrcodeScanStatus.NotAnObject, ErrcodeScanStatus.Unsure);
                if (length >= 8)
                {
                    "errcode\""u8.CopyTo(body[^8..]);
                    Assert.InRange(scan(body).Status, ErrcodeScanStatus.NotAnObject, ErrcodeScanStatus.Unsure);
                }
            }
        }
    }
}
