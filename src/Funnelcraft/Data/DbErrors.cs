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
}
