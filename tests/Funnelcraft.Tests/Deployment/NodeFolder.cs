namespace Funnelcraft.Tests.Deployment;

/// <summary>
/// A node's own folder, as a machine or container has: its home (where .NET would keep a key ring if it were not in
/// the database) and, on SQLite, its database file. Deleted on dispose.
/// </summary>
public sealed class NodeFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"funnelcraft-node-{Guid.NewGuid():N}")).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The environment of a node on this database, as the systemd unit's environment file sets it; the start-up line is logged.</summary>
    public Dictionary<string, string> Environment(DatabaseKind kind, string connectionString) => new()
    {
        ["HOME"] = Path,
        ["Database__Provider"] = kind == DatabaseKind.Postgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Funnelcraft"] = connectionString,
        [$"Logging__LogLevel__{Funnelcraft.Operations.StartupReport.Category}"] = "Information",
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open; the temp folder is cleaned by the OS
        }
    }
}
