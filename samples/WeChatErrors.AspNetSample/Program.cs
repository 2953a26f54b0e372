using Microsoft.Extensions.DependencyInjection.Extensions;
using WeChatErrors.AspNetSample;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<WeChatAppOptions>().BindConfiguration("WeChat").ValidateDataAnnotations().ValidateOnStart();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<AccessTokenCache>();
builder.Services.AddHttpClient<WeChatClient>((services, http) => http.BaseAddress = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeChatAppOptions>>().Value.BaseAddress)
    .AddWeChatErrorHandling(builder.Configuration.GetSection("WeChat:ErrorHandling"));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<WeChatProblemDetailsHandler>();

var app = builder.Build();
app.UseExceptionHandler();

app.MapGet("/followers", async (WeChatClient wechat, string? next, CancellationToken ct) => Results.Ok(await wechat.GetFollowersAsync(next, ct)));
app.MapPost("/template-messages", async (WeChatClient wechat, TemplateMessage message, CancellationToken ct) => Results.Ok(await wechat.SendTemplateMessageAsync(message, ct)));

app.Run();

/// <summary>The sample application (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program
{
}
