using System.Data.Common;
using CrmBridge.Storage.Relational;
using CrmBridge.Storage.Relational.Bulk;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Sqlite;

/// <summary>
/// Times as INTEGER microseconds since the Unix epoch (exact, sortable, the precision PostgreSQL keeps too);
/// decimals as TEXT, because a NUMERIC column would turn them into doubles; JSON as TEXT.
/// </summary>
internal sealed class SqliteDialect : RelationalDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string KeyType => "TEXT";

    public override string TimestampType => "INTEGER";

    public override string JsonType => "TEXT";

    public override string DecimalType => "TEXT";

    public override string BooleanType => "INTEGER";

    public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string InSet(string column, string parameterName) => $"{column} IN (SELECT value FROM json_each(@{parameterName}))";

    public override void AddSetParameter(DbCommand command, string parameterName, IReadOnlyCollection<string> values) =>
        AddParameter(command, parameterName, JsonText.WriteList([.. values]));

    public override object ToDbTime(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond);

    /// <summary>One prepared statement, executed per row inside the caller's transaction: SQLite's fastest bulk path.</summary>
    public override async Task BulkWriteAsync(DbCommand command, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var parameters = table.Columns.Select((_, i) => AddParameter(command, $"@p{i}", null)).ToArray();
        command.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) {table.ConflictClause}";
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ToDbValue(row[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
