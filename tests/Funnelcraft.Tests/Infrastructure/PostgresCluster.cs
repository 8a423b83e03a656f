using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster started from the machine's binaries (initdb + pg_ctl on a free port, as the
/// <c>postgres</c> user when running as root), shared by the test assembly; each test app gets a fresh database.
/// Tests skip with a clear message when no binaries are installed, unless FUNNELCRAFT_REQUIRE_POSTGRES=1 (CI).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _dataDir;
    private string? _binDir;
    private string? _skipReason;
    private int _databases;

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>False when no PostgreSQL binaries were found (<see cref="EnsureAvailable"/> then skips the test).</summary>
    public bool IsAvailable => _skipReason is null;

    public static bool Required => Environment.GetEnvironmentVariable("FUNNELCRAFT_REQUIRE_POSTGRES") == "1";

    public async ValueTask InitializeAsync()
    {
        _binDir = FindBinaries();
        if (_binDir is null)
        {
            _skipReason = "PostgreSQL binaries (initdb, pg_ctl) are not installed; PostgreSQL tests are skipped. Install postgresql or set PG_BIN.";
            return;
        }

        _dataDir = Path.Combine(Path.GetTempPath(), $"funnelcraft-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {_dataDir}");
        }

        Port = FreePort();
        var data = Path.Combine(_dataDir, "data");
        await RunPgAsync(asRoot, "initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync");
        await RunPgAsync(asRoot, "pg_ctl",
            $"-D {data} -l {Path.Combine(_dataDir, "server.log")} -w -t 60 -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000\" start");
    }

    /// <summary>Skips the calling test when the cluster is unavailable (fails instead when PostgreSQL is required).</summary>
    public void EnsureAvailable()
    {
        if (_skipReason is null)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail(_skipReason + " (FUNNELCRAFT_REQUIRE_POSTGRES=1)");
        }

        Assert.Skip(_skipReason);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        EnsureAvailable();
        var name = $"funnelcraft_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        // Idle connections close quickly: many short-lived apps share this cluster.
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=60;Connection Idle Lifetime=5;Connection Pruning Interval=1;Timeout=30";
    }

    /// <summary>Stops the server (immediate mode, like a crash) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        var data = Path.Combine(_dataDir!, "data");
        var asRoot = Environment.UserName == "root";
        await RunPgAsync(asRoot, "pg_ctl", $"-D {data} -m immediate -w stop");
        await RunPgAsync(asRoot, "pg_ctl",
            $"-D {data} -l {Path.Combine(_dataDir!, "server.log")} -w -t 60 -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000\" start");
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDir is null)
        {
            return;
        }

        try
        {
            await RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {Path.Combine(_dataDir, "data")} -m immediate -w stop");
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS to clean up
            }
        }
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("PG_BIN") };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange(["/usr/local/bin", "/usr/bin", "/usr/local/pgsql/bin"]);
        return candidates.FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private Task RunPgAsync(bool asRoot, string tool, string arguments) =>
        asRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir!, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDir!, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
