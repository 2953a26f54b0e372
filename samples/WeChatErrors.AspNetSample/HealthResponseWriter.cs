using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WeChatErrors.AspNetSample;

/// <summary>
/// Writes the health report as JSON: the overall status and, per check, its status, description and data (the errcode, the kind
/// and the rid of a failed token fetch). The library's checks hold no secret there; the exception objects are not written.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
