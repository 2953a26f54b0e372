using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatErrors.Benchmarks.Baselines;

namespace WeChatErrors.Benchmarks.Profiles;

/// <summary>
/// The path real calls take (<c>-- --loopback [body,body...]</c>): a Kestrel server on 127.0.0.1 answers each body, and
/// <see cref="IHttpClientFactory"/> clients call it over sockets with and without <c>AddWeChatErrorHandling()</c>, taking turns
/// round after round (<see cref="Interleaved"/>). With an earlier build (<c>eng/profile-against.sh</c>) its handler runs beside.
/// </summary>
internal static class LoopbackProfile
{
    public static readonly string[] DefaultBodies = [WeChatBodies.SmallSuccess, WeChatBodies.SmallError, WeChatBodies.Followers64K, WeChatBodies.Followers1M];

    private const int Rounds = 30;

    public static async Task Run(IReadOnlyList<string> bodies)
    {
        await using var server = await StartServerAsync();
        var address = server.Urls.First();

        var services = new ServiceCollection();
        services.AddHttpClient("plain", c => c.BaseAddress = new Uri(address)).RemoveAllLoggers();
        services.AddHttpClient("wechat", c => c.BaseAddress = new Uri(address)).AddWeChatErrorHandling().RemoveAllLoggers();
        if (EarlierBuild.IsAvailable)
        {
            services.AddHttpClient("before", c => c.BaseAddress = new Uri(address)).AddHttpMessageHandler(EarlierBuild.Create).RemoveAllLoggers();
        }

        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var calls = new HandlerBenchmarks();
        foreach (var body in bodies)
        {
            var path = "cgi-bin/" + body + "?access_token=ACCESS_TOKEN";
            var cases = new List<ProfileCase>
            {
                new("Factory", () => calls.Call(factory.CreateClient("plain"), path)),
                new("WeChatHandler", () => calls.Call(factory.CreateClient("wechat"), path)),
            };

            if (EarlierBuild.IsAvailable)
            {
                cases.Insert(1, new("Before", () => calls.Call(factory.CreateClient("before"), path)));
            }

            var results = await Interleaved.MeasureAsync(cases, Rounds, roundMilliseconds: 60);
            Interleaved.Print($"{body} ({WeChatBodies.Get(body).Length:N0} B) over loopback Kestrel: the fastest of {Rounds} rounds of about 60 ms, bytes per call (all threads, the server's included)", cases, results, "Factory");
        }
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/cgi-bin/{name}", (string name, HttpContext context) =>
        {
            var body = WeChatBodies.Get(name);
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = WeChatBodies.IsBinary(name) ? "image/jpeg" : "application/json";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        return app;
    }
}
