using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeWeChat;

/// <summary>
/// A stand-in for api.weixin.qq.com on Kestrel, bound to 127.0.0.1 on a free port. Each path answers from a script of
/// responses (one per call, the last one repeating), and the server counts the calls it received per path.
/// </summary>
public sealed class FakeWeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ScriptedPath> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _tokenModeQueries = new(StringComparer.Ordinal);
    private FakeTokenIssuer? _tokens;
    private FakeWeComTokenIssuer? _weComTokens;
    private FakeOpenPlatform? _openPlatform;

    private FakeWeChatServer(WebApplication app) => _app = app;

    /// <summary>Gets the server's address, such as <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a server with the standard scenarios of <see cref="FakeWeChatScenarios"/>.</summary>
    public static async Task<FakeWeChatServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeWeChatServer(app);
        FakeWeChatScenarios.AddTo(server);
        FakeWeComScenarios.AddTo(server);
        app.Run(server.AnswerAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>
    /// Turns on the token-issuing mode: <c>cgi-bin/stable_token</c> and <c>cgi-bin/token</c> issue real (fake) tokens per AppID,
    /// and <see cref="FakeWeChatScenarios.TokenChecked"/> checks them. Until then <c>cgi-bin/stable_token</c> answers the fixed
    /// <see cref="FakeWeChatScenarios.IssuedToken"/>.
    /// </summary>
    /// <param name="clock">The clock that expires tokens; the system clock when <see langword="null"/>.</param>
    public FakeTokenIssuer IssueTokens(TimeProvider? clock = null) => _tokens ??= new FakeTokenIssuer(clock ?? TimeProvider.System);

    /// <summary>
    /// Turns on the WeCom token-issuing mode: <see cref="FakeWeComScenarios.GetToken"/> issues tokens per corp and secret, and
    /// <see cref="FakeWeComScenarios.TokenChecked"/> checks them.
    /// </summary>
    /// <param name="clock">The clock that expires tokens; the system clock when <see langword="null"/>.</param>
    public FakeWeComTokenIssuer IssueWeComTokens(TimeProvider? clock = null) => _weComTokens ??= new FakeWeComTokenIssuer(clock ?? TimeProvider.System);

    /// <summary>Turns on the third-party platform mode: the <c>cgi-bin/component/*</c> token calls and <see cref="FakeOpenPlatform.CheckedPath"/>.</summary>
    /// <param name="clock">The clock that expires tickets and tokens; the system clock when <see langword="null"/>.</param>
    public FakeOpenPlatform IssueOpenPlatformTokens(TimeProvider? clock = null) => _openPlatform ??= new FakeOpenPlatform(clock ?? TimeProvider.System);

    /// <summary>Answers calls to <paramref name="path"/> with <paramref name="responses"/>, one per call; the last one repeats.</summary>
    public void Script(string path, params FakeResponse[] responses) => _scripts[Normalize(path)] = new ScriptedPath(responses);

    /// <summary>Returns how many calls reached <paramref name="path"/>.</summary>
    public int CallsTo(string path) => _scripts.TryGetValue(Normalize(path), out var script) ? script.Calls
        : _tokenModeQueries.TryGetValue(Normalize(path), out var queries) ? queries.Count : 0;

    /// <summary>Gets the query strings received, per path, in order.</summary>
    public IReadOnlyList<string> QueriesTo(string path) => _scripts.TryGetValue(Normalize(path), out var script) ? script.Queries.ToArray()
        : _tokenModeQueries.TryGetValue(Normalize(path), out var queries) ? queries.ToArray() : [];

    /// <summary>Gets the request bodies received by a scripted path, in order (empty for a body-less request).</summary>
    public IReadOnlyList<string> BodiesTo(string path) => _scripts.TryGetValue(Normalize(path), out var script) ? script.Bodies.ToArray() : [];

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string Normalize(string path) => "/" + path.Trim('/');

    private async Task AnswerAsync(HttpContext context)
    {
        var path = Normalize(context.Request.Path.Value ?? "/");
        if (_tokens is { } tokens && FakeTokenIssuer.Answers(path))
        {
            _tokenModeQueries.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(context.Request.QueryString.Value ?? string.Empty);
            await tokens.AnswerAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (_weComTokens is { } weComTokens && FakeWeComTokenIssuer.Answers(path))
        {
            _tokenModeQueries.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(context.Request.QueryString.Value ?? string.Empty);
            await weComTokens.AnswerAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (_openPlatform is { } openPlatform && FakeOpenPlatform.Answers(path))
        {
            _tokenModeQueries.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(context.Request.QueryString.Value ?? string.Empty);
            await openPlatform.AnswerAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (!_scripts.TryGetValue(Normalize(context.Request.Path.Value ?? "/"), out var script))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var response = script.Next(context.Request.QueryString.Value ?? string.Empty, await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed class ScriptedPath(FakeResponse[] responses)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ConcurrentQueue<string> Queries { get; } = new();

        public ConcurrentQueue<string> Bodies { get; } = new();

        public FakeResponse Next(string query, string body)
        {
            Queries.Enqueue(query);
            Bodies.Enqueue(body);
            var index = Interlocked.Increment(ref _calls) - 1;
            return responses[Math.Min(index, responses.Length - 1)];
        }
    }
}
