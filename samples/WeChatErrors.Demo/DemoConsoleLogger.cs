using Microsoft.Extensions.Logging;

namespace WeChatErrors.Demo;

/// <summary>Writes log lines to the console at once, so they appear next to the scenario that caused them.</summary>
internal sealed class DemoConsoleLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new DemoConsoleLogger();

    public void Dispose()
    {
    }

    private sealed class DemoConsoleLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.WriteLine($"   log {logLevel} {eventId.Name}: {formatter(state, exception)}");
            }
        }
    }
}
