using System.Text;
using Microsoft.Extensions.Logging;

namespace WeChatErrors.Tests.FactoryLogging;

/// <summary>One log line as written: its category, message, the scopes around it, and all of it as one text to search.</summary>
internal sealed record CapturedLine(string Category, string Message, string Scopes, string Text);

/// <summary>
/// Keeps every log line with its scopes and structured values. Written here because the floor project takes no test-only
/// logging package (Microsoft.Extensions.Diagnostics.Testing would lift Microsoft.Extensions.Options above its floor).
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<CapturedLine> _lines = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public List<CapturedLine> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    public void Dispose()
    {
    }

    private static void AppendValues(StringBuilder text, object? state)
    {
        text.Append('\n').Append(state);
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var value in values)
            {
                text.Append('\n').Append(value.Key).Append('=').Append(value.Value);
            }
        }
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var scopes = new StringBuilder();
            provider._scopes.ForEachScope((scope, text) => AppendValues(text, scope), scopes);
            var text = new StringBuilder(message).Append('\n').Append(exception);
            AppendValues(text, state);
            text.Append(scopes);
            lock (provider._lines)
            {
                provider._lines.Add(new CapturedLine(category, message, scopes.ToString(), text.ToString()));
            }
        }
    }
}
