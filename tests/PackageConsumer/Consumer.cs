using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using WeChatErrors;

namespace PackageConsumer;

public static class Consumer
{
    public static string Run()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("wechat").AddWeChatErrorHandling(o => o.Retry.MaxRetryAttempts = 2);
        using var handler = new WeChatErrorHandler(new WeChatErrorHandlingOptions()) { InnerHandler = new HttpClientHandler() };
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.weixin.qq.com/cgi-bin/message/template/send").DisableWeChatRetry();

        try
        {
            WeChatApiException.ThrowIfError("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
            return "no error";
        }
        catch (WeChatQuotaExceededException ex)
        {
            return $"{(int)ex.ErrorCode} {ex.ErrorCode}: {WeChatErrorCode.ApiDailyQuotaReached.GetDescription()} {request.IsWeChatRetryDisabled()}";
        }
    }
}
