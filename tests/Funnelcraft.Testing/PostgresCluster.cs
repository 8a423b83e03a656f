using System.Diagnostics;
using Npgsql;

namespace Funnelcraft.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster started from the machine's binaries (initdb + pg_ctl on a free loopback port, as the
/// <c>postgres</c> user when running as root), with fsync and synchronous commit off (figures and tests leave out the
/// disk's flush time); each test app gets a fresh database. The test assembly shares one as an assembly fixture (tests
/// skip with a clear message when no binaries are installed, unless FUNNELCRAFT_REQUIRE_POSTGRES=1, as in CI); the
/// bench and the deployment test start their own with <see cref="StartAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string ServerSettings =
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000 -c shared_buffers=256MB";

    private string? _dataDir;
    private string? _binDir;
    private string? _skipReason;
    private int _databases;

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>False when no PostgreSQL binaries were found (<see cref="EnsureAvailable"/> then skips the test).</summary>
    public bool IsAvailable => _skipReason is null;

    public static bool Required => Environment.GetEnvironmentVariable("FUNNELCRAFT_REQUIRE_POSTGRES") == "1";

    private static bool AsRoot => Environment.UserName == "root";

    private string DataPath => Path.Combine(_dataDir!, "data");

    /// <summary>Starts a cluster of one's own (the bench, the deployment test); throws when no binaries are installed.</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster();
        await cluster.InitializeAsync();
        if (cluster._skipReason is not null)
        {
            throw new InvalidOperationException(cluster._skipReason);
        }

        return cluster;
    }

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
        if (AsRoot)
        {
            await ChildProcess.RunAsync("chown", $"-R postgres:postgres {_dataDir}");
        }

        Port = Ports.Free();
        await RunPgAsync("initdb", $"-D {DataPath} -U postgres --auth=trust -E UTF8 --no-sync");
        await StartServerAsync();
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

    /// <summary>
    /// Creates an empty database and returns its connection string. By default idle connections close quickly (many
    /// short-lived apps share this cluster); <paramref name="pool"/> replaces the pool settings (the bench's long runs).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string pool = "Maximum Pool Size=60;Connection Idle Lifetime=5;Connection Pruning Interval=1")
    {
        EnsureAvailable();
        var name = $"funnelcraft_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};{pool};Timeout=30";
    }

    /// <summary>Stops the server (immediate mode, like a crash) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await RunPgAsync("pg_ctl", $"-D {DataPath} -m immediate -w stop");
        await StartServerAsync();
    }

    /// <summary>CPU time used by the cluster so far: the postmaster, its exited children (reaped) and its live backends, from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var pidFile = Path.Combine(DataPath, "postmaster.pid");
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
        if (_dataDir is null)
        {
            return;
        }

        try
        {
            await RunPgAsync("pg_ctl", $"-D {DataPath} -m immediate -w stop");
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

    private Task<string> StartServerAsync() => RunPgAsync("pg_ctl",
        $"-D {DataPath} -l {Path.Combine(_dataDir!, "server.log")} -w -t 60 -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 {ServerSettings}\" start");

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

    private Task<string> RunPgAsync(string tool, string arguments) =>
        AsRoot
            ? ChildProcess.RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir!, tool)} {arguments}")
            : ChildProcess.RunAsync(Path.Combine(_binDir!, tool), arguments);
}
