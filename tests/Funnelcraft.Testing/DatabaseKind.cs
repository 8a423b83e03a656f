namespace Funnelcraft.Testing;

/// <summary>Which database a test app runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
