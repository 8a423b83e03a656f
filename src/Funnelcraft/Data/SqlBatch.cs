using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Funnelcraft.Data;

/// <summary>
/// Statements sent as one command inside the context's current transaction: one round trip on PostgreSQL, run in
/// order by SQLite. Table and column names, parameter types and value conversions come from the model, so the same
/// statements serve both providers. For hot paths where EF Core's query pipeline would cost more than the work.
/// </summary>
public sealed class SqlBatch : IDisposable
{
    private readonly AppDbContext _db;
    private readonly DbCommand _command;
    private readonly StringBuilder _sql = new();
    private readonly ISqlGenerationHelper _sqlHelper;
    private int _statements;

    public SqlBatch(AppDbContext db)
    {
        _db = db;
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.CommandTimeout = db.Database.GetCommandTimeout() ?? _command.CommandTimeout;
        _sqlHelper = db.GetService<ISqlGenerationHelper>();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A batch runs inside the change's transaction.");
    }

    public string Table<T>() => _sqlHelper.DelimitIdentifier(Entity<T>().GetTableName()!, Entity<T>().GetSchema());

    public string Column<T>(string property) => _sqlHelper.DelimitIdentifier(Property<T>(property).GetColumnName());

    /// <summary>A parameter holding <paramref name="value"/> as the column of <typeparamref name="T"/>.<paramref name="property"/> stores it.</summary>
    public string Value<T>(string property, object? value)
    {
        var column = Property<T>(property);
        var name = $"@p{_command.Parameters.Count}";
        _command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(_command, name, value, column.IsNullable));
        return name;
    }

    /// <summary>A parameter for a value no column holds (a string or number the statement uses as is).</summary>
    public string Value(object value)
    {
        var mapping = _db.GetService<IRelationalTypeMappingSource>().FindMapping(value.GetType())
            ?? throw new InvalidOperationException($"No store type for {value.GetType()}.");
        var name = $"@p{_command.Parameters.Count}";
        _command.Parameters.Add(mapping.CreateParameter(_command, name, value));
        return name;
    }

    /// <summary>
    /// An UPDATE of <typeparamref name="T"/>'s table: <c>SET</c> the given properties <c>WHERE</c> the <paramref name="where"/>
    /// properties match and <paramref name="condition"/> (raw SQL) holds.
    /// </summary>
    public void Update<T>(
        IEnumerable<(string Property, object? Value)> set, IEnumerable<(string Property, object? Value)> where, string? condition = null, string? returning = null)
    {
        _sql.Append("UPDATE ").Append(Table<T>()).Append(" SET ");
        AppendPairs<T>(set, ", ");
        _sql.Append(" WHERE ");
        AppendPairs<T>(where, " AND ");
        if (condition is not null)
        {
            _sql.Append(" AND ").Append(condition);
        }

        End(returning);
    }

    /// <summary>An INSERT into <typeparamref name="T"/>'s table; a value may be raw SQL (see <see cref="Sql"/>).</summary>
    public void Insert<T>(IEnumerable<(string Property, object? Value)> values, string? returning = null)
    {
        var columns = new List<string>();
        var parameters = new List<string>();
        foreach (var (property, value) in values)
        {
            columns.Add(Column<T>(property));
            parameters.Add(value is Sql sql ? sql.Text : Value<T>(property, value));
        }

        _sql.Append("INSERT INTO ").Append(Table<T>()).Append(" (").AppendJoin(", ", columns).Append(") VALUES (").AppendJoin(", ", parameters).Append(')');
        End(returning);
    }

    /// <summary>Any other statement (its parameters made with <see cref="Value(object)"/> or <see cref="Value{T}"/>).</summary>
    public void Statement(string sql)
    {
        _sql.Append(sql);
        End(null);
    }

    /// <summary>
    /// Sends every statement on the transaction's connection (open while the transaction is); read their results in
    /// order (<c>NextResult</c> skips statements that return none).
    /// </summary>
    public async Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken)
    {
        _command.CommandText = _sql.ToString();
        // The span covers sending the batch and its first result: SQLite runs the later statements as they are read.
        using var activity = Operations.GenerationTelemetry.ActivitySource.StartActivity("db.batch", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("db.system.name", _db.Database.ProviderName).SetTag("db.operation.batch.size", _statements).SetTag("db.query.text", _command.CommandText);
        return await _command.ExecuteReaderAsync(cancellationToken);
    }

    public void Dispose() => _command.Dispose();

    private void AppendPairs<T>(IEnumerable<(string Property, object? Value)> pairs, string separator)
    {
        var first = true;
        foreach (var (property, value) in pairs)
        {
            if (!first)
            {
                _sql.Append(separator);
            }

            first = false;
            _sql.Append(Column<T>(property)).Append(" = ").Append(value is Sql sql ? sql.Text : Value<T>(property, value));
        }
    }

    private void End(string? returning)
    {
        if (returning is not null)
        {
            _sql.Append(" RETURNING ").Append(returning);
        }

        _sql.Append(";\n");
        _statements++;
    }

    private IEntityType Entity<T>() => _db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");

    private IProperty Property<T>(string property) =>
        Entity<T>().FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not in the model.");

    /// <summary>A value written as SQL text instead of a parameter (a sub-select, a column expression).</summary>
    public sealed record Sql(string Text);
}
