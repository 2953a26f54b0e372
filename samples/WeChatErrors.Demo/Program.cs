using System.Globalization;
using WeChatErrors.Demo;

// dotnet run --project samples/WeChatErrors.Demo                      the scenarios, against an embedded fake WeChat server
// dotnet run --project samples/WeChatErrors.Demo -- 40001 45009        what the catalog says about these codes
// dotnet run --project samples/WeChatErrors.Demo -- --base-url https://api.weixin.qq.com/
//                                                                       the real API (WECHAT_APPID and WECHAT_SECRET)
if (args.Length > 0 && args.All(a => int.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
{
    CodeLookup.Print(args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)));
    return 0;
}

var baseUrlIndex = Array.IndexOf(args, "--base-url");
if (baseUrlIndex >= 0)
{
    if (baseUrlIndex + 1 >= args.Length)
    {
        Console.Error.WriteLine("--base-url needs a value, such as https://api.weixin.qq.com/");
        return 2;
    }

    return await RealApiDemo.RunAsync(new Uri(args[baseUrlIndex + 1]));
}

if (args.Length > 0)
{
    Console.Error.WriteLine("usage: WeChatErrors.Demo [code ...] | [--base-url URL]");
    return 2;
}

await ScenarioDemo.RunAsync();
return 0;
