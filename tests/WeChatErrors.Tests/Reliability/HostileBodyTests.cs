using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using WeChatErrors.Detection;
using WeChatErrors.Detection.Scanning;
using WeChatErrors.Tests.Detection.Scanning;
using WeChatErrors.Tests.TestSupport;
using Xunit.Abstractions;

namespace WeChatErrors.Tests.Reliability;

/// <summary>Generated, mutated and monstrous bodies: the scanner agrees with System.Text.Json, and the handler never errs.</summary>
public sealed partial class HostileBodyTests(ITestOutputHelper output)
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithQuietOnSuccess(true);

    public static TheoryData<string> PathData() => ScanPaths.All();

    [Theory]
    [MemberData(nameof(PathData))]
    public void Property_ScannerAgreesWithUtf8JsonReader_OnGeneratedDocuments(string path)
    {
        var scan = ScanPaths.Get(path);
        var tests = ScanPaths.IsAccelerated(path) ? 3000 : 400;
        Check.One(Quick.WithMaxTest(tests).WithEndSize(60), Prop.ForAll(JsonDocumentGen.Documents, json =>
        {
            var expected = ReferenceErrcodeScanner.Scan(json);
            var actual = scan(json);
            if (actual.Status == ErrcodeScanStatus.Unsure)
            {
                Assert.True(HasEscapedTopLevelKey(json), $"Unsure without an escaped top-level key: {Encoding.UTF8.GetString(json)}");
                return;
            }

            Assert.True(
                expected.Status == actual.Status && (expected.Status != ErrcodeScanStatus.Found || (expected.ValueStart == actual.ValueStart && expected.ValueLength == actual.ValueLength && expected.IsZero == actual.IsZero)),
                $"{path}: expected {ScanPaths.Describe(expected, json)}, got {ScanPaths.Describe(actual, json)} for {Encoding.UTF8.GetString(json)}");
        }));
    }

    [Fact]
    public void Property_DetectorAgreesWithTheExactReaderAndWithJsonDocument_OnGeneratedDocuments()
    {
        int errors = 0, successes = 0, undecided = 0;
        Check.One(Quick.WithMaxTest(3000).WithEndSize(60), Prop.ForAll(JsonDocumentGen.Documents, json =>
        {
            var detected = WeChatErrorDetector.Detect(json);
            var exact = WeChatErrorBody.Parse(json);
            var text = Encoding.UTF8.GetString(json);
            Assert.True((detected is not null) == (exact.Status == WeChatErrorBodyStatus.Error), $"detector {detected?.RawErrorCode}, reader {exact.Status}: {text}");
            if (detected is { } error)
            {
                Assert.Equal(exact.RawErrorCode, error.RawErrorCode);
            }

            var oracle = Oracle(json);
            if (oracle.Decided)
            {
                Assert.True(oracle.Code == detected?.RawErrorCode, $"JsonDocument says {oracle.Code?.ToString() ?? "no error"}, handler says {detected?.RawErrorCode.ToString() ?? "no error"}: {text}");
            }

            _ = !oracle.Decided ? undecided++ : detected is null ? successes++ : errors++;
        }));
        output.WriteLine($"generated documents: {errors} errors, {successes} successes or unreadable, {undecided} left to the exact reader alone");
        Assert.True(errors > 100 && successes > 100, "the generator must produce both errors and successes");
    }

    [Fact]
    public async Task Mutation_HandlerThrowsOnlyForAGenuineTopLevelErrcode_ForABoundedTime()
    {
        var seeds = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(WeChatBodies.InvalidCredential),
            Encoding.UTF8.GetBytes(WeChatBodies.SystemBusy),
            Encoding.UTF8.GetBytes(WeChatBodies.MinuteQuota),
            Encoding.UTF8.GetBytes(WeChatBodies.DailyQuota),
            Encoding.UTF8.GetBytes(WeChatBodies.IpNotInWhitelist),
            Encoding.UTF8.GetBytes(WeChatBodies.Ok),
            Encoding.UTF8.GetBytes(WeChatBodies.Token),
            Encoding.UTF8.GetBytes(WeChatBodies.Followers),
            "{\"errcode\":0,\"errmsg\":\"ok\",\"list\":[{\"errcode\":40001,\"a\":\"}\\\"errcode\\\":1\"}],\"err\\u0063ode\":45009}"u8.ToArray(),
            "\uFEFF {\"errmsg\":\"x\",\"errcode\":\"40001\",\"errcode\":40001.0}"u8.ToArray(),
        };
        seeds.AddRange(Gen.Sample(JsonDocumentGen.Documents.Generator, 40, 30));

        var random = new Random(20261125);
        var budget = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(ReadSeconds("WECHATERRORS_MUTATION_SECONDS", 4));
        var iterations = 0;
        var thrown = 0;
        var passedThrough = 0;
        using var harness = new MutationHarness();
        while (budget.Elapsed < limit)
        {
            var body = Mutate(seeds[random.Next(seeds.Count)], random);
            var exact = WeChatErrorBody.Parse(body);
            var oracle = Oracle(body);
            var mode = iterations % (SyncSend.IsHandled ? 4 : 2);
            var outcome = await harness.SendAsync(body, chunked: mode is 1 or 3, sync: mode >= 2);
            string Label() => $"iteration {iterations}, mode {mode}: {Convert.ToBase64String(body)} ({Encoding.UTF8.GetString(body)})";
            if (exact.Status == WeChatErrorBodyStatus.Error)
            {
                var ex = outcome.Exception as WeChatApiException;
                Assert.True(ex is not null && ex.RawErrorCode == exact.RawErrorCode, $"expected errcode {exact.RawErrorCode}, got {outcome}: {Label()}");
                thrown++;
            }
            else
            {
                Assert.True(outcome.Exception is null, $"expected a pass-through, got {outcome}: {Label()}");
                Assert.True(body.AsSpan().SequenceEqual(outcome.Bytes), $"the body changed: {Label()}");
                passedThrough++;
            }

            if (oracle.Decided)
            {
                Assert.True(oracle.Code == (outcome.Exception as WeChatApiException)?.RawErrorCode, $"JsonDocument says {oracle.Code}: {Label()}");
            }

            iterations++;
        }

        output.WriteLine($"{iterations:N0} mutated bodies in {budget.Elapsed.TotalSeconds:N1} s: {thrown:N0} typed exceptions, {passedThrough:N0} passed through");
        Assert.True(iterations > 200, $"only {iterations} iterations");
    }

    public static TheoryData<bool, bool> Transports() => SyncSend.ChunkedAndSync();

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Nesting10000Deep_PassesThroughUntouched_Depth1000IsRead(bool chunked, bool sync)
    {
        using var harness = new MutationHarness();
        var deepFirst = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + ",\"errcode\":40001}");
        var deepLast = Encoding.ASCII.GetBytes("{\"errcode\":40001,\"a\":" + string.Concat(Enumerable.Repeat("{\"b\":", 10_000)) + "1" + new string('}', 10_000) + "}");
        var unbalanced = Encoding.ASCII.GetBytes("{\"errcode\":40001,\"a\":" + new string('[', 10_000));
        var readable = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 1000) + new string(']', 1000) + ",\"errcode\":40001}");

        foreach (var body in new[] { deepFirst, deepLast, unbalanced })
        {
            var outcome = await harness.SendAsync(body, chunked, sync);
            Assert.True(outcome.Exception is null, outcome.ToString());
            Assert.True(body.AsSpan().SequenceEqual(outcome.Bytes));
        }

        var error = await harness.SendAsync(readable, chunked, sync);
        Assert.Equal(40001, Assert.IsType<WeChatAccessTokenException>(error.Exception).RawErrorCode);
    }

    [Theory]
    [InlineData(WeChatErrorHandlingOptions.DefaultMaxInspectedBodySize, false)]
    [InlineData(1024 * 1024, false)]
    [InlineData(WeChatErrorHandlingOptions.DefaultMaxInspectedBodySize, true)]
    public async Task HundredMegabytesOfWhitespace_Streamed_PassesThroughUntouchedBeyondTheLimit(long maxInspected, bool announceLength)
    {
        const long Whitespace = 100L * 1024 * 1024;
        var tail = "{\"errcode\":40001,\"errmsg\":\"after 100 MB\"}"u8.ToArray();
        var source = new WhitespaceStream(Whitespace, tail);
        var inner = new StubHandler(_ =>
        {
            var content = new StreamContent(source, 64 * 1024);
            if (announceLength)
            {
                content.Headers.ContentLength = Whitespace + tail.Length;
            }

            return content;
        });
        var options = new WeChatErrorHandlingOptions { MaxInspectedBodySize = maxInspected };
        using var client = new HttpClient(new WeChatErrorHandler(options) { InnerHandler = inner }) { BaseAddress = new Uri("https://api.weixin.qq.com/") };

        var started = Stopwatch.StartNew();
        using var response = await client.GetAsync("cgi-bin/media/get", HttpCompletionOption.ResponseHeadersRead);
        var readByHandler = source.Position;
        using var stream = await response.Content.ReadAsStreamAsync();
        var (total, allWhitespace, last) = await DrainAsync(stream, tail.Length);
        output.WriteLine($"max {maxInspected:N0}, length announced {announceLength}: the handler read {readByHandler:N0} bytes; the caller read {total:N0} in {started.Elapsed.TotalSeconds:N1} s");

        Assert.Equal(Whitespace + tail.Length, total);
        Assert.True(allWhitespace);
        Assert.Equal(tail, last);
        Assert.True(readByHandler <= (announceLength ? 0 : maxInspected + 1 + (64 * 1024)), $"the handler read {readByHandler} bytes");
    }

    [Fact]
    public async Task TwentyMegabytesOfWhitespace_WithinARaisedLimit_IsReadAndTheErrorFound()
    {
        var tail = "{\"errcode\":45009,\"errmsg\":\"after 20 MB\"}"u8.ToArray();
        var inner = new StubHandler(_ => new StreamContent(new WhitespaceStream(20L * 1024 * 1024, tail)));
        var options = new WeChatErrorHandlingOptions { MaxInspectedBodySize = 32 * 1024 * 1024 };
        using var client = new HttpClient(new WeChatErrorHandler(options) { InnerHandler = inner }) { BaseAddress = new Uri("https://api.weixin.qq.com/") };

        var ex = await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => client.GetAsync("cgi-bin/user/get"));
        Assert.Equal("after 20 MB", ex.ErrorMessage);
    }

    public static TheoryData<byte[]> InvalidUtf8Bodies()
    {
        var data = new TheoryData<byte[]>();
        data.Add(Bytes("{\"errcode\":40001,\"errmsg\":\""u8, [0xFF, 0xFE], "\"}"u8));
        data.Add(Bytes("{\"errcode\":40001,\"errmsg\":\""u8, [0xC0, 0xAF], "\"}"u8));
        data.Add(Bytes("{\"errcode\":40001,\"errmsg\":\""u8, [0xED, 0xA0, 0x80], "\"}"u8));
        data.Add(Bytes("{\"errcode\":40001,\"errmsg\":\"cut "u8, [0xE4, 0xB8], "\"}"u8));
        data.Add(Bytes("{\"x"u8, [0x80], "\":1,\"errcode\":45009}"u8));
        data.Add(Bytes("{\"errcode\":0,\"errmsg\":\""u8, [0xF8, 0x88, 0x80, 0x80, 0x80], "\"}"u8));
        data.Add(Bytes("{\"data\":\""u8, [0xFF], "\"}"u8));
        return data;
    }

    private static byte[] Bytes(ReadOnlySpan<byte> before, byte[] invalid, ReadOnlySpan<byte> after) => [.. before, .. invalid, .. after];

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task InvalidUtf8_PassesThroughUntouched(byte[] body)
    {
        using var harness = new MutationHarness();
        foreach (var (chunked, sync) in SyncSend.Modes.SelectMany(sync => new[] { (false, sync), (true, sync) }))
        {
            var outcome = await harness.SendAsync(body, chunked, sync);
            Assert.True(outcome.Exception is null, outcome.ToString());
            Assert.Equal(body, outcome.Bytes);
        }
    }

    private static bool HasEscapedTopLevelKey(byte[] json)
    {
        var span = json.AsSpan(json.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 100_000 });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueIsEscaped)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An independent answer from <see cref="JsonDocument"/>: the code of the last top-level errcode when it is a plain
    /// 64-bit integer or a string of digits, no error when the body is no valid UTF-8 JSON object or errcode is 0, absent or
    /// unreadable; undecided for numbers beyond the simple cases (fractions, exponents, beyond 64 bits).
    /// </summary>
    private static (bool Decided, long? Code) Oracle(byte[] body)
    {
        var span = body.AsSpan(body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            return (true, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(span.ToArray(), new JsonDocumentOptions { MaxDepth = WeChatErrorBody.MaxDepth });
        }
        catch (JsonException)
        {
            return (true, null);
        }

        using (document)
        {
            try
            {
                return OracleCode(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A name or string with an escaped lone surrogate: no .NET string holds it; left to the exact reader.
                return (false, null);
            }
        }
    }

    private static (bool Decided, long? Code) OracleCode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (true, null);
        }

        long? code = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "errcode")
            {
                continue;
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Number)
            {
                if (!value.TryGetInt64(out var number))
                {
                    return (false, null);
                }

                code = number;
            }
            else if (value.ValueKind == JsonValueKind.String && DigitsOnly().IsMatch(value.GetString()!))
            {
                if (!long.TryParse(value.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    return (false, null);
                }

                code = number;
            }
            else
            {
                return (true, null);
            }
        }

        return (true, code is 0 ? null : code);
    }

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex DigitsOnly();

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        ReadOnlySpan<byte> interesting = "{}[]\":,\\-0123456789 eE.tfn\u0000"u8;
        var count = random.Next(1, 5);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 12)));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var length = Math.Min(bytes.Count - at, random.Next(1, 24));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static int ReadSeconds(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    private static async Task<(long Total, bool AllWhitespace, byte[] Last)> DrainAsync(Stream stream, int keep)
    {
        var buffer = new byte[256 * 1024];
        var last = new byte[keep];
        long total = 0;
        long whitespaceEnd = -1;
        int n;
        var window = new List<byte>(keep * 2);
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            var other = buffer.AsSpan(0, n).IndexOfAnyExcept((byte)' ');
            if (other >= 0 && whitespaceEnd < 0)
            {
                whitespaceEnd = total + other;
            }

            window.AddRange(buffer.AsSpan(Math.Max(0, n - keep), Math.Min(n, keep)).ToArray());
            if (window.Count > keep)
            {
                window.RemoveRange(0, window.Count - keep);
            }

            total += n;
        }

        window.CopyTo(last);
        return (total, whitespaceEnd == total - keep, last);
    }

    /// <summary>The handler in front of an in-memory server answering with a given body, with or without a Content-Length.</summary>
    private sealed class MutationHarness : IDisposable
    {
        private byte[] _body = [];
        private bool _chunked;

        public MutationHarness()
        {
            var options = new WeChatErrorHandlingOptions();
            options.Retry.Enabled = false;
            Client = new HttpClient(new WeChatErrorHandler(options) { InnerHandler = new StubHandler(_ => _chunked ? new StreamContent(new OneWayStream(_body)) : new ByteArrayContent(_body)) })
            {
                BaseAddress = new Uri("https://api.weixin.qq.com/"),
            };
        }

        public HttpClient Client { get; }

        public async Task<FaultOutcome> SendAsync(byte[] body, bool chunked, bool sync)
        {
            _body = body;
            _chunked = chunked;
            var started = Stopwatch.StartNew();
            try
            {
                if (sync)
                {
                    using var response = Client.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/user/get"));
                    using var copy = new MemoryStream();
                    response.Content.ReadAsStream().CopyTo(copy);
                    return new FaultOutcome(copy.ToArray(), null, started.Elapsed);
                }
                else
                {
                    using var response = await Client.GetAsync("cgi-bin/user/get");
                    return new FaultOutcome(await response.Content.ReadAsByteArrayAsync(), null, started.Elapsed);
                }
            }
            catch (Exception ex)
            {
                return new FaultOutcome(null, ex, started.Elapsed);
            }
        }

        public void Dispose() => Client.Dispose();
    }
}

/// <summary>An inner handler that answers every request with HTTP 200 and the content it is given.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpContent> content) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        new(HttpStatusCode.OK) { Content = content(request), RequestMessage = request };
}

/// <summary>Generates <c>length</c> spaces and then a tail, without holding them: a huge streamed body.</summary>
internal sealed class WhitespaceStream(long length, byte[] tail) : ForwardOnlyStream
{
    private long _position;

    public override long Position
    {
        get => Interlocked.Read(ref _position);
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var total = length + tail.Length;
        var n = (int)Math.Min(buffer.Length, total - _position);
        var spaces = (int)Math.Clamp(length - _position, 0, n);
        buffer[..spaces].Fill((byte)' ');
        for (var i = spaces; i < n; i++)
        {
            buffer[i] = tail[_position + i - length];
        }

        Interlocked.Add(ref _position, n);
        return n;
    }
}
