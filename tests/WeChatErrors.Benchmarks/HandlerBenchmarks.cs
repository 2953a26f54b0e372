using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using WeChatErrors.Benchmarks.Baselines;

namespace WeChatErrors.Benchmarks;

/// <summary>
/// One <c>HttpClient.GetAsync</c> through an in-memory server, then the body read as a caller does: as a string for
/// JSON, as a stream (headers-read, unbuffered) for a binary download. Pass-through has no handler at all.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private static readonly Uri RequestUri = new("https://api.weixin.qq.com/cgi-bin/user/get?access_token=ACCESS_TOKEN&next_openid=");

    private HttpClient _passThrough = null!;
    private HttpClient _emptyHandler = null!;
    private HttpClient _weChat = null!;
    private HttpClient _weChatNoRetry = null!;
    private HttpClient _jsonDocument = null!;
    private HttpClient _model = null!;
    private HttpClient _newtonsoft = null!;
    private HttpClient? _before;
    private bool _binary;

    [ParamsSource(nameof(Bodies))]
    public string Body { get; set; } = WeChatBodies.SmallError;

    /// <summary>All bodies, or the comma-separated names in <c>HANDLER_BODIES</c> for a shorter run.</summary>
    public static IEnumerable<string> Bodies =>
        Environment.GetEnvironmentVariable("HANDLER_BODIES") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            :
            [
                WeChatBodies.SmallError, WeChatBodies.SmallSuccess, WeChatBodies.Followers64K, WeChatBodies.Followers64KErrcodeFirst,
                WeChatBodies.Followers64KErrcodeLast, WeChatBodies.Followers1M, WeChatBodies.Image1M, WeChatBodies.Image10M,
            ];

    [GlobalSetup]
    public void Setup()
    {
        byte[] body = WeChatBodies.Get(Body);
        _binary = WeChatBodies.IsBinary(Body);
        string mediaType = _binary ? "image/jpeg" : "application/json";
        HttpMessageHandler Server() => new InMemoryServer(body, mediaType);

        _passThrough = new HttpClient(Server());
        _emptyHandler = new HttpClient(new PassOnHandler { InnerHandler = Server() });
        _weChat = new HttpClient(new WeChatErrorHandler { InnerHandler = Server() });
        _weChatNoRetry = new HttpClient(new WeChatErrorHandler(new WeChatErrorHandlingOptions { Retry = { Enabled = false } }) { InnerHandler = Server() });
        _jsonDocument = new HttpClient(new JsonDocumentHandler { InnerHandler = Server() });
        _model = new HttpClient(new ModelHandler { InnerHandler = Server() });
        _newtonsoft = new HttpClient(new NewtonsoftHandler { InnerHandler = Server() });
        if (EarlierBuild.IsAvailable)
        {
            var before = EarlierBuild.Create();
            before.InnerHandler = Server();
            _before = new HttpClient(before);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var client in new[] { _passThrough, _emptyHandler, _weChat, _weChatNoRetry, _jsonDocument, _model, _newtonsoft, _before })
        {
            client?.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<int> PassThrough() => Call(_passThrough);

    /// <summary>The floor for any handler: a <see cref="DelegatingHandler"/> that only passes the call on.</summary>
    [Benchmark]
    public Task<int> EmptyHandler() => Call(_emptyHandler);

    /// <summary>The handler with its defaults (retries on: 40001 is not retried, so the error row still measures one attempt).</summary>
    [Benchmark]
    public Task<int> WeChatHandler() => Call(_weChat);

    /// <summary>The handler of an earlier build (only with <c>eng/profile-against.sh</c>; not a BenchmarkDotNet case).</summary>
    public Task<int> Before() => Call(_before ?? throw new InvalidOperationException("No earlier build."));

    [Benchmark]
    public Task<int> WeChatHandlerNoRetry() => Call(_weChatNoRetry);

    [Benchmark]
    public Task<int> JsonDocument() => Call(_jsonDocument);

    [Benchmark]
    public Task<int> Model() => Call(_model);

    [Benchmark]
    public Task<int> Newtonsoft() => Call(_newtonsoft);

    internal Task<int> Call(HttpClient client) => Call(client, RequestUri);

    /// <summary>Calls <paramref name="requestUri"/> and reads the body as a caller does; a WeChat error gives its code.</summary>
    internal async Task<int> Call(HttpClient client, string requestUri) => await Call(client, new Uri(requestUri, UriKind.RelativeOrAbsolute)).ConfigureAwait(false);

    private async Task<int> Call(HttpClient client, Uri requestUri)
    {
        try
        {
            if (_binary)
            {
                using var download = await client.GetAsync(requestUri, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                using var stream = await download.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await stream.CopyToAsync(Stream.Null).ConfigureAwait(false);
                return (int)stream.Length;
            }

            using var response = await client.GetAsync(requestUri).ConfigureAwait(false);
            return (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Length;
        }
        catch (WeChatApiException ex)
        {
            return (int)ex.RawErrorCode;
        }
        catch (BaselineWeChatException ex)
        {
            return (int)ex.ErrorCode;
        }
        catch (Exception ex) when (EarlierBuild.TryGetCode(ex, out int code))
        {
            return code;
        }
    }

    private sealed class PassOnHandler : DelegatingHandler;

    /// <summary>The primary handler: a fresh response with <see cref="ByteArrayContent"/> each call, completed synchronously.</summary>
    private sealed class InMemoryServer(byte[] body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Respond(request));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Respond(request);

        private HttpResponseMessage Respond(HttpRequestMessage request)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
