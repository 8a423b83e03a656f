using System.Diagnostics;

namespace Funnelcraft.Testing;

/// <summary>
/// The real app as a separate process (<c>dotnet Funnelcraft.dll</c>, in Production) on a loopback port, so a test can
/// SIGKILL it or stop it with SIGTERM as systemd does. By default the build output next to the tests; a
/// <c>dotnet publish</c> output when given its folder (<see cref="PublishedApp"/>). Its console output is kept.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private TaskCompletionSource _outputChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident memory now, in bytes.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Every line the app wrote to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>
    /// Starts the app with <paramref name="environment"/> (variables such as <c>Database__Provider</c>) on
    /// <paramref name="port"/> (a free one by default), from <paramref name="appDirectory"/> (the tests' own output by
    /// default), and waits until it serves.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null, string? appDirectory = null)
    {
        var directory = appDirectory ?? AppContext.BaseDirectory;
        var address = new Uri($"http://127.0.0.1:{port ?? Ports.Free()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "Funnelcraft.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilServingAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM, as systemd's default KillSignal) and waits until it exits; returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        await ChildProcess.RunAsync("sh", $"-c \"kill -TERM {_process.Id}\""); // the shell's kill: no package needed
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Completes with the first output line that satisfies <paramref name="match"/> (already written, or when it is).</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_output)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                changed = _outputChanged.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The app never wrote the expected line. Output:\n{string.Join('\n', Output)}");
            }
        }
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    private bool _disposed;

    /// <summary>Kills the process if it still runs; a second call does nothing (a failed restart's own error stays the one reported).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_output)
        {
            _output.Add(line);
            changed = _outputChanged;
            _outputChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = Client();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before serving:\n{string.Join('\n', Output)}");
            }

            try
            {
                // Any HTTP answer means the server is up (401: the route needs auth).
                using var response = await client.GetAsync("/api/projects", timeout.Token);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, timeout.Token); // the server is not listening yet: nothing else to wait on
            }
        }
    }

    /// <summary>A free loopback port (kept here for the tests that pick one before starting the app).</summary>
    public static int FreePort() => Ports.Free();
}
