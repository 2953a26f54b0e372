using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using WeChatErrors.AccessTokens.Internal;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// The built-in token source as <c>AddWeChatAccessTokens</c> registers it, over a fake <see cref="IHttpClientFactory"/> whose
/// clients go to a MockHttp <c>cgi-bin/stable_token</c> that issues <c>T1</c>, <c>T2</c>... valid for <see cref="ExpiresIn"/>.
/// </summary>
internal sealed class TokenEndpointFake : IHttpClientFactory, IDisposable
{
    public const string AppId = "wx1";

    private readonly MockHttpMessageHandler _server = new();
    private readonly ServiceProvider _provider;
    private int _fetches;

    public TokenEndpointFake(Action<IServiceCollection>? configure = null)
    {
        _server.When(HttpMethod.Post, HandlerHarness.BaseAddress + WeChatTokenEndpoints.StableTokenPath).Respond(async () =>
        {
            var n = Interlocked.Increment(ref _fetches);
            await Gate.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = HandlerHarness.Json($"{{\"access_token\":\"T{n}\",\"expires_in\":{ExpiresIn}}}") };
        });
        Gate.SetResult();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Time).AddSingleton<IHttpClientFactory>(this);
        configure?.Invoke(services);
        _provider = services.AddWeChatAccessTokens(AppId, o => o.AppSecret = "SECRET").BuildServiceProvider();
        Cache = _provider.GetRequiredService<AccessTokenCache>();
    }

    public FakeTimeProvider Time { get; } = new(TestErrors.Now);

    public AccessTokenCache Cache { get; }

    public IServiceProvider Services => _provider;

    /// <summary>Gets or sets what the endpoint waits for before it answers; completed unless a test holds it.</summary>
    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Gets how many requests reached the token endpoint.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public HttpClient CreateClient(string name) => new(_server, disposeHandler: false);

    public void Dispose()
    {
        _provider.Dispose();
        _server.Dispose();
    }
}
