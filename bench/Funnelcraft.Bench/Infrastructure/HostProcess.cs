using System.Diagnostics;
using System.Net.Http.Json;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// The app under test in a child process (this executable's <c>host</c> command), so that the server's memory and
/// file descriptors are its own and not mixed with the load generator's. The child serves on 127.0.0.1, prints its
/// address, and exits when this process closes its standard input (also when this process dies).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _control = ApiClient.NewHttp(address, maxConnections: 4, timeout: TimeSpan.FromMinutes(2));
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<HostProcess> StartAsync(BenchDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HostProcess).Assembly.Location);
        }

        start.ArgumentList.Add("host");
        var all = new Dictionary<string, string?>(settings)
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Funnelcraft"] = database.ConnectionString,
        };
        foreach (var (key, value) in BenchApp.Overrides)
        {
            all[key] = value;
        }
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add($"{key}={value}");
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [host] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("The host process exited before serving.");
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                var host = new HostProcess(process, new Uri(line["LISTENING ".Length..]));
                _ = DrainAsync(process.StandardOutput);
                return host;
            }
        }
    }

    /// <summary>The child's memory after a full collection (GET /bench/memory).</summary>
    public async Task<BenchRoutes.MemoryStats> MemoryAsync() =>
        (await _control.GetFromJsonAsync<BenchRoutes.MemoryStats>("/bench/memory", ApiClient.Json))!;

    /// <summary>Every commit's timestamp so far (GET /bench/commits).</summary>
    public async Task<IReadOnlyList<CommitClock.Commit>> CommitsAsync() =>
        (await _control.GetFromJsonAsync<List<CommitClock.Commit>>("/bench/commits", ApiClient.Json))!;

    /// <summary>The child's CPU time so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            Console.WriteLine($"  [host] {line}");
        }
    }

    /// <summary>The child side: serve until standard input closes.</summary>
    public static async Task<int> RunHostAsync(Options options)
    {
        var settings = options.Settings.ToDictionary(kv => kv.Key, kv => kv.Value);
        var database = new BenchDatabase(settings["Database:Provider"]!, settings["ConnectionStrings:Funnelcraft"]!);
        await using var app = BenchApp.Start(database, settings);
        Console.WriteLine($"LISTENING {app.Address}");
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
