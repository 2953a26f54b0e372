namespace WeChatErrors.OpenPlatform.Internal;

/// <summary>The defaults of <see cref="WeChatOpenPlatformOptions"/>, the open platform's paths and the names its token sources use.</summary>
internal static class WeChatOpenPlatformDefaults
{
    public const string DistributedCacheKeyPrefix = "WeChatErrors:OpenPlatform:";

    /// <summary>The client of <c>api_component_token</c> and <c>api_start_push_ticket</c>: error handling, no token supply.</summary>
    public const string PlatformClientName = "WeChatErrors.OpenPlatform";

    /// <summary>The logger category of the open platform's token sources.</summary>
    public const string LoggerCategory = "WeChatErrors.OpenPlatform";

    public const string ComponentTokenPath = "cgi-bin/component/api_component_token";

    public const string StartPushTicketPath = "cgi-bin/component/api_start_push_ticket";

    public const string AuthorizerTokenPath = "cgi-bin/component/api_authorizer_token";

    public const string QueryAuthPath = "cgi-bin/component/api_query_auth";

    public const string AuthorizerInfoPath = "cgi-bin/component/api_get_authorizer_info";

    /// <summary>How long a ticket is valid after WeChat pushed it.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);

    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The client of a platform's calls on behalf of its accounts (<c>api_authorizer_token</c>, <c>api_query_auth</c>,
    /// <c>api_get_authorizer_info</c>): the platform's <c>component_access_token</c> is supplied and recovered, errors are typed.
    /// </summary>
    public static string ComponentClientName(string componentAppId) => PlatformClientName + ":" + componentAppId;

    /// <summary>The key of an account's token slot: <c>componentAppId:authorizerAppId</c>.</summary>
    public static string AuthorizerKey(string componentAppId, string authorizerAppId) => componentAppId + ":" + authorizerAppId;
}
