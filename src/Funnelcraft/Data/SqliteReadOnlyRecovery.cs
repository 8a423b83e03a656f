using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Funnelcraft.Data;

/// <summary>
/// SQLite opens a file it cannot write (made read-only or immutable, or on a volume remounted read-only) read-only,
/// without an error, and such a connection stays read-only for as long as the pool keeps it. When a command fails
/// because the database cannot be written, the pool is cleared: every connection is discarded as it comes back, so
/// once the file can be written again the next connection opened writes.
/// </summary>
public sealed class SqliteReadOnlyRecovery : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Recover(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Recover(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Recover(DbCommand command, Exception exception)
    {
        if (exception is SqliteException { SqliteErrorCode: 8 /* READONLY */ or 14 /* CANTOPEN */ } && command.Connection is SqliteConnection connection)
        {
            SqliteConnection.ClearPool(connection);
        }
    }
}
