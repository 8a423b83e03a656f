using Microsoft.Data.Sqlite;
using Npgsql;

namespace Funnelcraft.Data;

public static class DbErrors
{
    /// <summary>True when <paramref name="exception"/> (or an inner one) is a unique-constraint violation on either provider.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/> says the database cannot take the change right now — read-only, full, out
    /// of connections, shutting down, unreachable, locked past the wait — rather than that the change itself is wrong.
    /// The client is told to try again later (503 with Retry-After).
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is
                    3 /* PERM */ or 5 /* BUSY */ or 6 /* LOCKED */ or 8 /* READONLY */ or 10 /* IOERR */ or 13 /* FULL */ or 14 /* CANTOPEN */:
                    return true;
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources (disk full, too many connections)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
                        || postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction // a read-only database or a standby
                        || postgres.SqlState == PostgresErrorCodes.IoError;
                case NpgsqlException npgsql when npgsql.IsTransient: // unreachable server, broken connection, pool exhausted
                    return true;
            }
        }

        return false;
    }
}
