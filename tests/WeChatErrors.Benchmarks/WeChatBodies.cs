using System.Text;

namespace WeChatErrors.Benchmarks;

/// <summary>Realistic WeChat response bodies for benchmarks, built once and cached by name.</summary>
public static class WeChatBodies
{
    public const string SmallError = "small-error";
    public const string SmallSuccess = "small-success";
    public const string UserInfo = "user-info";
    public const string Followers64K = "followers-64K";
    public const string Followers64KErrcodeFirst = "followers-64K-errcode-first";
    public const string Followers64KErrcodeLast = "followers-64K-errcode-last";
    public const string Followers1M = "followers-1M";
    public const string EscapeHeavy64K = "escape-heavy-64K";
    public const string Followers10M = "followers-10M";
    public const string Image1M = "image-1M";
    public const string Image10M = "image-10M";

    public static IReadOnlyList<string> Names { get; } =
        [SmallError, SmallSuccess, UserInfo, Followers64K, Followers64KErrcodeLast, Followers1M, EscapeHeavy64K, Followers10M];

    private static readonly Dictionary<string, byte[]> Cache = [];

    public static byte[] Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out byte[]? body))
            {
                body = Build(name);
                Cache.Add(name, body);
            }

            return body;
        }
    }

    private static byte[] Build(string name) => name switch
    {
        SmallError => Encoding.UTF8.GetBytes(
            """{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: 60882f1f-676dc618-710dc5ca"}"""),
        SmallSuccess => Encoding.UTF8.GetBytes(
            """{"access_token":"86_Ck0Cr9XbrHGbVGOJ2f4aRrHUbfm0B9uJfaa3bJ0TStq3rEx6HDhWvJ8emT-GmAaqvGyVhgrR8o6BI9YxZ2Ni1A3pQhCjLlU5VIt0u1tHv-7fO0eEeaQsVYGdLjZHSmHbAEAHE","expires_in":7200}"""),
        UserInfo => Encoding.UTF8.GetBytes(
            """{"subscribe":1,"openid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M","nickname":"Band","sex":1,"language":"zh_CN","city":"广州","province":"广东","country":"中国","headimgurl":"http://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0","subscribe_time":1382694957,"unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL","remark":"","groupid":0,"tagid_list":[128,2],"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":98765,"qr_scene_str":""}"""),
        Followers64K => FollowerList(64 * 1024, errcodeLast: false),
        Followers64KErrcodeFirst => FollowerList(64 * 1024, errcodeLast: false, errcodeFirst: true),
        Followers64KErrcodeLast => FollowerList(64 * 1024, errcodeLast: true),
        Followers1M => FollowerList(1024 * 1024, errcodeLast: false),
        Followers10M => FollowerList(10 * 1024 * 1024, errcodeLast: false),
        EscapeHeavy64K => EscapeHeavy(64 * 1024),
        Image1M => Binary(1024 * 1024),
        Image10M => Binary(10 * 1024 * 1024),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown body."),
    };

    /// <summary>The user/get shape: <c>{"total":..,"count":..,"data":{"openid":[...]},"next_openid":".."}</c>.</summary>
    public static byte[] FollowerList(int approximateSize, bool errcodeLast, bool errcodeFirst = false)
    {
        var random = new Random(42);
        var ids = new List<string>();
        int size = 100;
        while (size < approximateSize)
        {
            string id = OpenId(random);
            ids.Add(id);
            size += id.Length + 3;
        }

        var text = new StringBuilder(approximateSize + 256);
        text.Append(errcodeFirst ? "{\"errcode\":0,\"total\":" : "{\"total\":").Append(ids.Count + 13000).Append(",\"count\":").Append(ids.Count).Append(",\"data\":{\"openid\":[");
        for (int i = 0; i < ids.Count; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(ids[i]).Append('"');
        }

        text.Append("]},\"next_openid\":\"").Append(ids[^1]).Append('"');
        text.Append(errcodeLast ? ",\"errcode\":0}" : "}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Nested objects whose strings are full of escaped quotes, backslashes and brackets; errcode last.</summary>
    public static byte[] EscapeHeavy(int approximateSize)
    {
        var text = new StringBuilder(approximateSize + 512);
        text.Append("{\"errmsg\":\"ok\",\"articles\":[");
        for (int i = 0; text.Length < approximateSize; i++)
        {
            text.Append(i == 0 ? "{" : ",{")
                .Append("\"title\":\"He said \\\"{hello}\\\" [").Append(i).Append("]\",")
                .Append("\"path\":\"C:\\\\data\\\\{x}\\\\[y]\\\\\",")
                .Append("\"json\":\"{\\\"errcode\\\":1,\\\"list\\\":[\\\"a\\\",\\\"b\\\\\\\\\\\"]}\",")
                .Append("\"meta\":{\"tags\":[\"\\\"quoted\\\"\",\"]}\",\"\\\\\"],\"n\":").Append(i).Append("}}");
        }

        text.Append("],\"errcode\":0}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Bytes of a JPEG-like download (served as image/jpeg): a JPEG header, then noise.</summary>
    public static byte[] Binary(int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    /// <summary>Whether the body is a binary download rather than JSON.</summary>
    public static bool IsBinary(string name) => name is Image1M or Image10M;

    private static string OpenId(Random random)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        var id = new StringBuilder("o6_bmj", 28);
        while (id.Length < 28)
        {
            id.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return id.ToString();
    }
}
