using System.Text;
using WeChatErrors.Detection.Scanning;

namespace WeChatErrors.Tests.Detection.Scanning;

public class ErrcodeScannerEdgeCaseTests
{
    /// <summary>Named cases: the JSON, and the expected raw token of the first non-zero top-level errcode, else the last (null: no errcode).</summary>
    private static readonly (string Name, string Json, string? Token)[] Cases =
    [
        ("errcode first", """{"errcode":40001,"errmsg":"invalid credential"}""", "40001"),
        ("errcode last", """{"errmsg":"ok","data":{"x":[1,2,{"y":"z"}]},"errcode":45011}""", "45011"),
        ("errcode absent", """{"access_token":"ACCESS_TOKEN","expires_in":7200}""", null),
        ("errcode zero", """{"errcode":0,"errmsg":"ok"}""", "0"),
        ("errcode string zero", """{"errcode":"0","errmsg":"ok"}""", "\"0\""),
        ("nested in object", """{"a":{"errcode":5},"b":1}""", null),
        ("nested in array", """{"resp":[{"errcode":1}]}""", null),
        ("nested then top-level", """{"resp":[{"errcode":1}],"errcode":2}""", "2"),
        ("string value errcode", """{"x":"errcode","y":1}""", null),
        ("string value errcode before colon-like", """{"x":"errcode" , "y":":"}""", null),
        ("errcode2", """{"errcode2":1,"my_errcode":2,"errcod":3,"Errcode":4}""", null),
        ("escaped quotes before", """{"a":"a\"}{\"errcode\":1","errcode":7}""", "7"),
        ("escaped quotes only", """{"a":"a\"}{\"errcode\":1"}""", null),
        ("backslash pairs before", """{"a":"\\\\","errcode":8,"b":"\\\"errcode\\\""}""", "8"),
        ("pretty printed", "{\r\n\t\"errmsg\" : \"ok\",\r\n\t\"errcode\"\t:\r\n  -1\r\n}\r\n", "-1"),
        ("BOM", "\uFEFF{\"errcode\":0}", "0"),
        ("leading whitespace", " \r\n\t {\"errcode\":3}", "3"),
        ("duplicate: the first non-zero ends the scan", """{"errcode":1,"errmsg":"x","errcode":0}""", "1"),
        ("duplicate: a zero does not end it", """{"errcode":0,"errcode":"40001"}""", "\"40001\""),
        ("duplicate: zero, zero", """{"errcode":0,"errcode":"0"}""", "\"0\""),
        ("negative", """{"errcode":-1,"errmsg":"system error"}""", "-1"),
        ("huge number", """{"errcode":123456789012345678901234567890}""", "123456789012345678901234567890"),
        ("float", """{"errcode":1.5e+10}""", "1.5e+10"),
        ("string errcode", """{"errcode":"40001"}""", "\"40001\""),
        ("escaped string value", """{"errcode":"a\"b\\"}""", "\"a\\\"b\\\\\""),
        ("true", """{"errcode":true}""", "true"),
        ("null", """{"errcode":null}""", "null"),
        ("object value", """{"errcode":{"errcode":1},"x":2}""", "{"),
        ("array value", """{"errcode":[0],"x":2}""", "["),
        ("empty object", "{}", null),
        ("empty key", """{"":1,"e":2}""", null),
        ("chinese", """{"errmsg":"系统繁忙，此时请开发者稍候再试","errcode":-1}""", "-1"),
        ("escaped key", """{"err\u0063ode":40001}""", "40001"),
        ("fully escaped key", """{"\u0065\u0072\u0072\u0063\u006F\u0064\u0065":1}""", "1"),
        ("escaped key other", """{"err\u0063ode2":1,"\u0065rrmsg":2,"\"errcode\"":3}""", null),
        ("key with newline escape", """{"errcode\n":1}""", null),
        ("whitespace before colon", """{"errcode"   :   0   }""", "0"),
    ];

    private static readonly string[] NotObjects = ["", "   ", "\uFEFF", "[", "[{\"errcode\":1}]", "\"errcode\"", "<html>", "null", "1", " \n["];

    public static TheoryData<string, string> CaseData()
    {
        var data = new TheoryData<string, string>();
        foreach (string path in ScanPaths.Names)
        {
            foreach (var c in Cases)
            {
                data.Add(path, c.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseData))]
    public void Scan_NamedCase_FindsTheTopLevelErrcode(string path, string caseName)
    {
        var c = Array.Find(Cases, x => x.Name == caseName);
        byte[] json = Encoding.UTF8.GetBytes(c.Json);
        ErrcodeScanResult result = ScanPaths.Get(path)(json);

        if (c.Token is null)
        {
            Assert.Equal(ErrcodeScanStatus.NoErrcode, result.Status);
        }
        else
        {
            Assert.Equal(ErrcodeScanStatus.Found, result.Status);
            Assert.Equal(c.Token, Encoding.UTF8.GetString(json, result.ValueStart, result.ValueLength));
            Assert.Equal(c.Token is "0" or "\"0\"", result.IsZero);
        }

        // The reference agrees (guards the expectations above).
        ErrcodeScanResult reference = ReferenceErrcodeScanner.Scan(json);
        Assert.Equal(ScanPaths.Describe(reference, json), ScanPaths.Describe(result, json));
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_NotAnObject_ReturnsNotAnObject(string path)
    {
        foreach (string text in NotObjects)
        {
            Assert.Equal(ErrcodeScanStatus.NotAnObject, ScanPaths.Get(path)(Encoding.UTF8.GetBytes(text)).Status);
        }

        Assert.Equal(ErrcodeScanStatus.NotAnObject, ScanPaths.Get(path)(new byte[] { 0x00, 0xFF, 0x7B }).Status);
        Assert.Equal(ErrcodeScanStatus.NotAnObject, ScanPaths.Get(path)(new byte[] { 0xEF, 0xBB }).Status);
    }

    public static TheoryData<string> PathData() => ScanPaths.All();

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_KeyWithEscape_NeverReportsNoErrcode(string path)
    {
        byte[] json = """{"a":1,"err\u0063ode":40001,"b":[]}"""u8.ToArray();
        ErrcodeScanResult result = ScanPaths.Get(path)(json);
        Assert.True(result.Status is ErrcodeScanStatus.Found or ErrcodeScanStatus.Unsure, result.ToString());
        if (result.Status == ErrcodeScanStatus.Found)
        {
            Assert.Equal("40001", Encoding.UTF8.GetString(json, result.ValueStart, result.ValueLength));
        }
    }

    /// <summary>Slides every interesting feature across the 64-byte block boundaries.</summary>
    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_FeaturesAcrossBlockBoundaries_MatchReference(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        string[] templates =
        [
            "{WS\"errcode\":1}",
            "{\"p\":\"PAD\",\"errcode\" : \"0\"}",
            "{\"p\":\"PAD\\\\\\\\\\\\\\\"\",\"errcode\":2}",
            "{\"p\":\"PAD\\\\\",\"errcode\":3}",
            "{\"p\":\"PAD\\\"\",\"errcode\":4}",
            "{\"p\":\"PAD\\\"errcode\\\":5\"}",
            "{\"a\":[WS{\"errcode\":6}],\"errcode\":7}",
            "{\"a\":{\"b\":\"PAD\"},\"errcode\":8}",
            "{\"a\":[\"PAD]}{[\"],\"errcode\":9,\"c\":{}}",
            "{\"a\":\"PAD\\u0022\",\"err\\u0063ode\":10}",
            "{\"a\":\"PAD\",\"errcode\":11,\"z\":[[[[{}]]]],\"errcode\":12}",
            "WS{\"errcode\":13}",
            "{\"a\":1,WS\"errcode\"WS:WS14WS}",
        ];

        foreach (string template in templates)
        {
            for (int pad = 0; pad <= 130; pad++)
            {
                foreach (char fill in new[] { ' ', 'x', '\\' })
                {
                    string padding = fill == '\\' ? string.Concat(Enumerable.Repeat("\\\\", pad / 2)) : new string(fill, pad);
                    string whitespace = string.Concat(Enumerable.Range(0, pad).Select(i => " \t\r\n"[i % 4]));
                    string text = template.Replace("WS", whitespace, StringComparison.Ordinal).Replace("PAD", padding, StringComparison.Ordinal);
                    byte[] json = Encoding.UTF8.GetBytes(text);
                    ErrcodeScanResult expected = ReferenceErrcodeScanner.Scan(json);
                    ErrcodeScanResult actual = scan(json);
                    Assert.True(
                        ScanPaths.Describe(expected, json) == ScanPaths.Describe(actual, json),
                        $"{text}: expected {ScanPaths.Describe(expected, json)}, got {ScanPaths.Describe(actual, json)}");
                }
            }
        }
    }

    /// <summary>Runs of backslashes of every length ending at every block offset.</summary>
    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_BackslashRunsAcrossBoundaries_MatchReference(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        for (int prefix = 0; prefix < 70; prefix++)
        {
            for (int run = 0; run < 70; run++)
            {
                // An odd run escapes the quote after it, which then needs a closing quote of its own.
                string backslashes = new('\\', run);
                string text = "{\"p\":\"" + new string('x', prefix) + backslashes + (run % 2 == 1 ? "\"\"" : "\"") + ",\"errcode\":" + run + "}";
                byte[] json = Encoding.UTF8.GetBytes(text);
                ErrcodeScanResult actual = scan(json);
                Assert.True(actual.Status == ErrcodeScanStatus.Found, text);
                Assert.Equal(run.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(json, actual.ValueStart, actual.ValueLength));
            }
        }
    }

    /// <summary>The vector paths align their loads after the first block: start the input at every address offset.</summary>
    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_EveryStartAlignment_MatchesReference(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        var corpus = new JsonCorpus(99);
        for (int d = 0; d < 12; d++)
        {
            byte[] document = corpus.Next(d * 60);
            string expected = ScanPaths.Describe(ReferenceErrcodeScanner.Scan(document), document);
            byte[] buffer = new byte[document.Length + 128];
            for (int offset = 0; offset < 64; offset++)
            {
                Array.Clear(buffer);
                document.CopyTo(buffer, offset);
                ReadOnlySpan<byte> json = buffer.AsSpan(offset, document.Length);
                Assert.Equal(expected, ScanPaths.Describe(scan(json), json));
            }
        }
    }
}
