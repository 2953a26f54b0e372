namespace WeChatErrors;

internal static class WeChatLoggedQueryParameters
{
    public static readonly string[] Defaults =
    [
        "grant_type", "appid", "component_appid", "type", "lang", "offset", "count", "begin_date", "end_date",
    ];
}
