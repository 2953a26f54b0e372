using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// A real Redis for the tests: a private <c>redis-server</c> on a free loopback port when the binary is on PATH, otherwise the
/// one on 127.0.0.1:6379. When there is neither, the fixture runs <c>eng/start-redis.sh</c> (which installs the Debian package and
/// starts it), so the README's test command works on a fresh machine. Tests fail, never skip, when Redis still does not answer.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private Process? _server;

    /// <summary>Gets the StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</summary>
    public string Configuration { get; private set; } = "127.0.0.1:6379";

    public async Task InitializeAsync()
    {
        if (FindOnPath("redis-server") is { } binary)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no" })
            {
                start.ArgumentList.Add(arg);
            }

            _server = Process.Start(start);
            if (_server is not null)
            {
                _server.OutputDataReceived += (_, _) => { };
                _server.ErrorDataReceived += (_, _) => { };
                _server.BeginOutputReadLine();
                _server.BeginErrorReadLine();
                var configuration = $"127.0.0.1:{port}";
                for (var i = 0; i < 100 && !_server.HasExited; i++)
                {
                    if (await PingAsync(IPAddress.Loopback, port))
                    {
                        Configuration = configuration;
                        return;
                    }

                    await Task.Delay(50);
                }
            }
        }

        if (!await PingAsync(IPAddress.Loopback, 6379) && FindOnPath("redis-server") is null)
        {
            await RunStartScriptAsync();
        }

        if (!await PingAsync(IPAddress.Loopback, 6379))
        {
            throw new InvalidOperationException(
                "These tests need a real Redis: no redis-server on PATH and nothing answers PING on 127.0.0.1:6379. Run eng/start-redis.sh (it installs and starts one).");
        }

        Configuration = "127.0.0.1:6379";
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task RunStartScriptAsync()
    {
        var script = Path.Combine(TestRepository.Root, "eng", "start-redis.sh");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/start-redis.sh failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> PingAsync(IPAddress address, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(address, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
