using System.Globalization;
using System.Text;

namespace WeChatErrors.Tests.Detection.Scanning;

/// <summary>Seeded generator of valid JSON objects that stress the scanner: nesting, escapes, errcode look-alikes.</summary>
internal sealed class JsonCorpus(int seed)
{
    private static readonly string[] Keys =
    [
        "errcode", "errcode", "errmsg", "errcode2", "my_errcode", "errcod", "Errcode", "data", "list", "openid", "e", "",
        "err\\u0063ode", "\\u0065rrcode", "err\\u0063ode2", "\\\"errcode\\\"", "errcode\\n", "\\\\errcode", "错误码", "next_openid",
    ];

    private static readonly string[] StringPieces =
    [
        "abc", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "\\\"", "\\\\", "{", "}", "[", "]", "\\u0022", "\\/", "\\n", "\\t", "系统繁忙，此时请开发者稍候再试",
        "errcode", "\\\"errcode\\\":1", "\"", ":", ",", " ", "\\\\\\\\\\\\", "\\\\\\\"", "😀", "\\uD83D\\uDE00", "{\\\"errcode\\\":0}",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "40001", "45011", "12345678901234567890", "9007199254740993", "1.5e10", "-0.25", "1E+2", "0.0", "-0",
    ];

    private static readonly string[] Whitespace = ["", "", "", " ", "\n", "\r\n\t", "  "];

    private readonly Random _random = new(seed);
    private readonly StringBuilder _text = new();
    private int _targetLength;

    public byte[] Next(int targetLength)
    {
        _text.Clear();
        _targetLength = targetLength;
        if (_random.Next(20) == 0)
        {
            _text.Append('\uFEFF');
        }

        Space();
        WriteObject(1);
        Space();
        return Encoding.UTF8.GetBytes(_text.ToString());
    }

    /// <summary>Sizes from tiny to about 200 KB, most of them small.</summary>
    public int NextSize() => _random.Next(100) switch
    {
        < 50 => _random.Next(0, 300),
        < 80 => _random.Next(300, 8_000),
        < 96 => _random.Next(8_000, 70_000),
        _ => _random.Next(60_000, 200_000),
    };

    /// <summary>The shared corpus with the reference answers, built once per test run.</summary>
    public static IReadOnlyList<(byte[] Json, string Expected)> Shared => SharedCorpus.Value;

    private static readonly Lazy<(byte[] Json, string Expected)[]> SharedCorpus = new(() =>
    {
        var corpus = new JsonCorpus(20260101);
        var documents = new (byte[] Json, string Expected)[1500];
        for (int i = 0; i < documents.Length; i++)
        {
            byte[] json = corpus.Next(corpus.NextSize());
            documents[i] = (json, ScanPaths.Describe(ReferenceErrcodeScanner.Scan(json), json));
        }

        return documents;
    });

    private void WriteValue(int depth)
    {
        int kind = _random.Next(10);
        if (depth < 30 && (kind < 2 || (kind < 4 && _text.Length < _targetLength)))
        {
            if (_random.Next(2) == 0)
            {
                WriteObject(depth + 1);
            }
            else
            {
                WriteArray(depth + 1);
            }

            return;
        }

        switch (_random.Next(6))
        {
            case 0:
            case 1:
            case 2:
                WriteString();
                break;
            case 3:
                _text.Append(Numbers[_random.Next(Numbers.Length)]);
                break;
            case 4:
                _text.Append(_random.Next(2) == 0 ? "true" : "false");
                break;
            default:
                _text.Append(_random.Next(3) == 0 ? "null" : _random.Next(-100000, 100000).ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private void WriteObject(int depth)
    {
        _text.Append('{');
        int count = ContainerCount(depth);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Space();
            _text.Append('"').Append(Keys[_random.Next(Keys.Length)]).Append('"');
            Space();
            _text.Append(':');
            Space();
            WriteValue(depth);
            Space();
        }

        Space();
        _text.Append('}');
    }

    private void WriteArray(int depth)
    {
        _text.Append('[');
        int count = ContainerCount(depth);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Space();
            WriteValue(depth);
            Space();
        }

        _text.Append(']');
    }

    /// <summary>Small containers, except that shallow ones keep growing until the document reaches its target size.</summary>
    private int ContainerCount(int depth)
    {
        int count = _random.Next(0, 7);
        if (depth <= 3 && _text.Length < _targetLength)
        {
            count += _random.Next(0, Math.Max(1, (_targetLength - _text.Length) / 40));
        }

        return count;
    }

    private void WriteString()
    {
        _text.Append('"');
        int pieces = _random.Next(8) == 0 ? _random.Next(0, 400) : _random.Next(0, 6);
        for (int i = 0; i < pieces; i++)
        {
            string piece = StringPieces[_random.Next(StringPieces.Length)];

            // A raw quote would end the string: emit it escaped.
            _text.Append(piece == "\"" ? "\\\"" : piece);
        }

        _text.Append('"');
    }

    private void Space() => _text.Append(Whitespace[_random.Next(Whitespace.Length)]);
}
