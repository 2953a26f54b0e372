using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WeChatErrors.AspNetSample;

/// <summary>
/// Maps <see cref="WeChatApiException"/> to RFC 7807 problem details: 503 with Retry-After when WeChat asks the caller to slow
/// down, 503 when WeChat is busy or the daily quota is gone, 502 for every other upstream error. The payload carries the code,
/// the kind and the rid (for WeChat support), never the URL, the token or WeChat's raw message.
/// </summary>
internal sealed class WeChatProblemDetailsHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not WeChatApiException wechat)
        {
            return false;
        }

        var status = wechat switch
        {
            WeChatRateLimitException or WeChatSystemBusyException or WeChatQuotaExceededException => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status502BadGateway,
        };
        if (wechat is WeChatRateLimitException { RetryAfter: { } retryAfter })
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = "The WeChat API reported an error.",
            Detail = wechat.Description,
            Type = "https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html",
        };
        problem.Extensions["errcode"] = wechat.RawErrorCode;
        problem.Extensions["product"] = wechat.Product.ToString();
        problem.Extensions["kind"] = wechat.Kind.ToString();
        problem.Extensions["rid"] = wechat.RequestId;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
