using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's binaries (initdb + pg_ctl on a free loopback port, as the
/// <c>postgres</c> user when running as root), the same way the tests start theirs (tests/…/PostgresCluster.cs),
/// with the same settings: fsync and synchronous_commit off, so figures leave out the disk's flush time.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly string _binDir;
    private int _databases;

    private PostgresCluster(string binDir, string dataDir, int port)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    public static async Task<PostgresCluster> StartAsync()
    {
        var binDir = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL binaries (initdb, pg_ctl) are not installed: install postgresql or set PG_BIN, or pick --db sqlite.");
        var dataDir = Path.Combine(Path.GetTempPath(), $"funnelcraft-bench-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var cluster = new PostgresCluster(binDir, dataDir, FreePort());
        if (AsRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {dataDir}");
        }

        var data = Path.Combine(dataDir, "data");
        await cluster.RunPgAsync("initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync");
        await cluster.RunPgAsync("pg_ctl",
            $"-D {data} -l {Path.Combine(dataDir, "server.log")} -w -t 60 -o \"-p {cluster.Port} -k {dataDir} -c listen_addresses=127.0.0.1 "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB\" start");
        return cluster;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"funnelcraft_bench_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=100;Timeout=30";
    }

    /// <summary>CPU time used by the cluster so far: the postmaster, its exited children (reaped) and its live backends, from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var pidFile = Path.Combine(_dataDir, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the command name (which is in parentheses): state ppid … utime(14) stime(15) cutime(16) cstime(17).
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                long Field(int n) => long.Parse(fields[n - 3], System.Globalization.CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += Field(14) + Field(15) + Field(16) + Field(17);
                }
                else if (parent == postmaster)
                {
                    ticks += Field(14) + Field(15);
                }
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", $"-D {Path.Combine(_dataDir, "data")} -m immediate -w stop");
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

    private static bool AsRoot => Environment.UserName == "root";

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

    private Task RunPgAsync(string tool, string arguments) =>
        AsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDir, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
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
