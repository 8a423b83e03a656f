namespace Funnelcraft.Data;

/// <summary>
/// Times as both databases keep them: whole milliseconds (SQLite's binary form keeps 0.1 ms, PostgreSQL 1 µs). A time
/// the app both writes and shows from memory (a run's and its steps' times in the status) is cut to this first, so the
/// status published from memory is, byte for byte, the status any node reads back from the rows for that version.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), time.Offset);

    public static DateTimeOffset Now(TimeProvider time) => Of(time.GetUtcNow());
}
