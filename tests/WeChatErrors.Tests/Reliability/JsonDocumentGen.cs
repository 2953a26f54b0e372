using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WeChatErrors.Tests.Reliability;

/// <summary>
/// FsCheck generators of valid JSON documents built to trip a scanner: random nesting and key order, keys that contain
/// <c>errcode</c> as a substring or spell it with <c>\u</c> escapes, strings full of quotes, backslashes and brackets,
/// random whitespace, and <c>errcode</c> members nested, duplicated and of every type.
/// </summary>
internal static class JsonDocumentGen
{
    private static readonly string[] Keys =
    [
        "errcode", "errcode", "errcode", "errmsg", "errcodes", "xerrcode", "errcod", "err", "errCode", "ERRCODE", "errcode ",
        " errcode", "err\"code", "errcode\\", "errcode\"", "errcode\n", "data", "list", "a", "", "错误码", "errcode😀", "e\\u0063",
    ];

    private static readonly string[] Fragments =
    [
        "\"", "\\", "{", "}", "[", "]", ":", ",", "errcode", "\"errcode\":1", "\\\"errcode\\\":1", "{\"errcode\":40001}", " ", "\n", "\t",
        "x", "é", "中文", "😀", "\\u0063", "/", "\u0001", "\u001f", "\u2028",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "40001", "45011", "45009", "0.0", "40001.0", "1e3", "-2.5E-3", "4.0001e4", "99999999999999999999",
        "-99999999999999999999", "12345678901234567", "0e0",
    ];

    private static readonly string[] Whitespace = [string.Empty, string.Empty, string.Empty, " ", "\n", "\t", "\r\n", "   "];

    /// <summary>Gets documents that are one valid JSON value, most of them an object.</summary>
    public static Arbitrary<byte[]> Documents { get; } = Arb.From(Gen.Sized(size => TopLevel(Math.Min(size, 40))));

    private static Gen<string> Ws => Gen.Elements(Whitespace);

    private static Gen<byte[]> TopLevel(int size) =>
        from value in Gen.Frequency((9, TopObject(size)), (1, ValueOf(size)))
        from before in Ws
        from after in Ws
        from bom in Gen.Frequency((9, Gen.Constant(string.Empty)), (1, Gen.Constant("\uFEFF")))
        select Encoding.UTF8.GetBytes(bom + before + value + after);

    private static Gen<string> ValueOf(int size) => size <= 1
        ? Scalar
        : Gen.Frequency((5, Scalar), (2, ObjectOf(size / 2)), (2, ArrayOf(size / 2)));

    private static Gen<string> Scalar => Gen.Frequency(
        (3, Gen.Elements(Numbers)),
        (3, StringValue),
        (1, Gen.Elements("true", "false", "null")),
        (1, Gen.Elements(Numbers).Select(n => "\"" + n + "\"")));

    private static Gen<string> StringValue =>
        from fragments in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements(Fragments), n))
        from rendered in Render(string.Concat(fragments))
        select rendered;

    private static Gen<string> ObjectOf(int size) =>
        from count in Gen.Choose(0, 6)
        from members in Gen.ArrayOf(Member(size), count)
        from open in Ws
        from close in Ws
        select "{" + open + string.Join(",", members) + close + "}";

    /// <summary>A top-level object: errcode members (duplicated, escaped, of every type) are more likely than deeper down.</summary>
    private static Gen<string> TopObject(int size) =>
        from count in Gen.Choose(0, 6)
        from members in Gen.ArrayOf(
            from key in Gen.Frequency((3, Gen.Constant("errcode")), (4, Gen.Elements(Keys)))
            from renderedKey in Render(key)
            from w1 in Ws
            from w2 in Ws
            from value in Gen.Frequency((4, Gen.Elements(Numbers)), (1, Gen.Elements(Numbers).Select(n => "\"" + n + "\"")), (3, ValueOf(size)))
            select w1 + renderedKey + ":" + w2 + value,
            count)
        from close in Ws
        select "{" + string.Join(",", members) + close + "}";

    private static Gen<string> ArrayOf(int size) =>
        from count in Gen.Choose(0, 5)
        from items in Gen.ArrayOf(
            from w1 in Ws
            from v in ValueOf(size)
            from w2 in Ws
            select w1 + v + w2,
            count)
        select "[" + string.Join(",", items) + "]";

    private static Gen<string> Member(int size) =>
        from key in Gen.Elements(Keys)
        from renderedKey in Render(key)
        from w1 in Ws
        from w2 in Ws
        from w3 in Ws
        from w4 in Ws
        from value in ValueOf(size)
        select w1 + renderedKey + w2 + ":" + w3 + value + w4;

    /// <summary>A JSON string literal for <paramref name="text"/>, each character written plainly or escaped at random.</summary>
    private static Gen<string> Render(string text) =>
        from choices in Gen.ArrayOf(Gen.Choose(0, 5), text.Length)
        select RenderWith(text, choices);

    private static string RenderWith(string text, int[] choices)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var choice = choices[i];
            if (c == '"')
            {
                builder.Append(choice == 0 ? "\\u0022" : "\\\"");
            }
            else if (c == '\\')
            {
                builder.Append(choice == 0 ? "\\u005C" : "\\\\");
            }
            else if (c < 0x20)
            {
                builder.Append(c == '\n' && choice > 2 ? "\\n" : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (char.IsSurrogate(c))
            {
                // A pair stays a pair: written plainly, or as two escapes.
                var low = text[++i];
                builder.Append(choice == 0 ? $"\\u{(int)c:X4}\\u{(int)low:x4}" : $"{c}{low}");
            }
            else if (choice == 0)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (choice == 1)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (c == '/' && choice == 2)
            {
                builder.Append("\\/");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
