using System.Globalization;

namespace WeChatErrors.Demo;

/// <summary>Prints what the catalog knows about error codes.</summary>
internal static class CodeLookup
{
    public static void Print(IEnumerable<int> codes)
    {
        foreach (var code in codes)
        {
            if (WeChatErrorCodes.TryGetInfo(code, out var info))
            {
                Console.WriteLine($"{code} {info.Name} ({info.Kind})");
                Console.WriteLine($"  zh: {info.ChineseDescription ?? "(no Chinese description is documented)"}");
                Console.WriteLine($"  en: {info.EnglishDescription ?? "(no English description is documented)"}");
            }
            else
            {
                Console.WriteLine($"{code}: {((WeChatErrorCode)code).GetDescription(CultureInfo.InvariantCulture)}");
            }
        }
    }
}
