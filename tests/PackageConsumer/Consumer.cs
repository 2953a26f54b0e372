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
        services.AddHttpClient("wechat").AddWeChatErrorHandling(o => { o.Retry.MaxRetryAttempts = 2; o.WeComHosts.Add("wecom.example.com"); });
        services.AddWeComAccessTokens("ww1", "1000002", o => o.CorpSecret = "secret");
        services.AddHttpClient("wecom").AddWeComAccessToken("ww1", "1000002").AddWeChatErrorHandling();
        using var handler = new WeChatErrorHandler(new WeChatErrorHandlingOptions()) { InnerHandler = new HttpClientHandler() };
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.weixin.qq.com/cgi-bin/message/template/send").DisableWeChatRetry();

        try
        {
            WeChatApiException.ThrowIfError("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
            return "no error";
        }
        catch (WeChatQuotaExceededException ex)
        {
            var code = ex.Product == WeChatProduct.WeCom ? ex.WeComErrorCode?.GetDescription() : ex.ErrorCode?.GetDescription();
            return $"{ex.RawErrorCode} {code}: {WeChatErrorCode.ApiDailyQuotaReached.GetDescription()} {WeComErrorCode.ApiCallLimitExceeded.GetDescription()} {request.IsWeChatRetryDisabled()}";
        }
    }
}
