using Microsoft.Extensions.Options;
using WeChatErrors;
using WeChatErrors.AspNetSample;

var builder = WebApplication.CreateBuilder(args);

// The library's token source: AppSecret, BaseAddress and the other WeChatAccessTokenOptions come from the "WeChat" section.
var appId = builder.Configuration["WeChat:AppId"];
if (string.IsNullOrEmpty(appId))
{
    throw new InvalidOperationException("Set WeChat:AppId (and WeChat:AppSecret) in the configuration.");
}

builder.Services.AddWeChatAccessTokens(appId, builder.Configuration.GetSection("WeChat"));
builder.Services.AddHttpClient<WeChatClient>((services, http) => http.BaseAddress = services.GetRequiredService<IOptionsMonitor<WeChatAccessTokenOptions>>().Get(appId).BaseAddress)
    .AddWeChatAccessToken(appId)
    .AddWeChatErrorHandling(builder.Configuration.GetSection("WeChat:ErrorHandling"));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<WeChatProblemDetailsHandler>();
builder.Services.AddHealthChecks().AddWeChatAccessTokenChecks();

var app = builder.Build();
app.UseExceptionHandler();

app.MapGet("/followers", async (WeChatClient wechat, string? next, CancellationToken ct) => Results.Ok(await wechat.GetFollowersAsync(next, ct)));
app.MapPost("/template-messages", async (WeChatClient wechat, TemplateMessage message, CancellationToken ct) => Results.Ok(await wechat.SendTemplateMessageAsync(message, ct)));
app.MapHealthChecks("/health", new() { ResponseWriter = HealthResponseWriter.WriteAsync });

app.Run();

/// <summary>The sample application (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program
{
}
