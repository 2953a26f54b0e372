using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// A <c>redis-server</c> process on a loopback port of its own, which a test may stop and start again on the same port.
/// No persistence: a restarted server is empty.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private Process? _process;

    private RedisServerProcess(string binary, int port)
    {
        Binary = binary;
        Port = port;
    }

    public string Binary { get; }

    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis configuration string of the server.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port, or returns <see langword="null"/> when it does not answer PING (or no binary).</summary>
    public static async Task<RedisServerProcess?> TryStartAsync(string binary)
    {
        var server = new RedisServerProcess(binary, FreePort());
        if (await server.TryStartAsync())
        {
            return server;
        }

        server.Dispose();
        return null;
    }

    /// <summary>Starts a private server, installing redis-server first (<c>eng/start-redis.sh</c>) when it is not on PATH.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        if (FindOnPath("redis-server") is null)
        {
            await RunStartScriptAsync();
        }

        var binary = FindOnPath("redis-server") ?? throw new InvalidOperationException("redis-server is not on PATH, even after eng/start-redis.sh.");
        return await TryStartAsync(binary) ?? throw new InvalidOperationException("A private redis-server did not answer PING.");
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public async Task<bool> TryStartAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        _process?.Dispose();
        _process = Process.Start(start);
        if (_process is null)
        {
            return false;
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100 && !_process.HasExited; i++)
        {
            if (await PingAsync(IPAddress.Loopback, Port))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Kills the server and waits until it is gone; its clients see their connections drop.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> PingAsync(IPAddress address, int port)
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

    /// <summary>Runs <c>eng/start-redis.sh</c>: installs redis-server when it is missing and starts one on 127.0.0.1:6379.</summary>
    public static async Task RunStartScriptAsync()
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
}
