using Microsoft.Extensions.DependencyInjection;
using WeChatErrors;

var services = new ServiceCollection();
services.AddHttpClient("wechat").AddWeChatErrorHandling(o => o.Retry.MaxRetryAttempts = 2);

try
{
    WeChatApiException.ThrowIfError("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
}
catch (WeChatQuotaExceededException ex)
{
    Console.WriteLine($"{(int)ex.ErrorCode} {ex.ErrorCode}: {WeChatErrorCode.ApiDailyQuotaReached.GetDescription()}");
}
