using System.Net;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>
/// A real Redis for the tests: a private <c>redis-server</c> on a free loopback port when the binary is on PATH, otherwise the
/// one on 127.0.0.1:6379. When there is neither, the fixture runs <c>eng/start-redis.sh</c> (which installs the Debian package and
/// starts it), so the README's test command works on a fresh machine. Tests fail, never skip, when Redis still does not answer.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServerProcess? _server;

    /// <summary>Gets the StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</summary>
    public string Configuration { get; private set; } = "127.0.0.1:6379";

    public async Task InitializeAsync()
    {
        if (RedisServerProcess.FindOnPath("redis-server") is { } binary)
        {
            _server = await RedisServerProcess.TryStartAsync(binary);
            if (_server is not null)
            {
                Configuration = _server.Configuration;
                return;
            }
        }

        if (!await RedisServerProcess.PingAsync(IPAddress.Loopback, 6379) && RedisServerProcess.FindOnPath("redis-server") is null)
        {
            await RedisServerProcess.RunStartScriptAsync();
        }

        if (!await RedisServerProcess.PingAsync(IPAddress.Loopback, 6379))
        {
            throw new InvalidOperationException(
                "These tests need a real Redis: no redis-server on PATH and nothing answers PING on 127.0.0.1:6379. Run eng/start-redis.sh (it installs and starts one).");
        }

        Configuration = "127.0.0.1:6379";
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
