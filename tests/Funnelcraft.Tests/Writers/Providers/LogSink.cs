using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>Keeps every log entry of a test app (message and exception), to check what reached the logs.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string Text => string.Join("\n", _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
