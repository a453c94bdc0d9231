using System.Data.Common;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// What differs between the SQL backends: column types in the migrations, how times, JSON and id sets are bound,
/// and how a batch of rows is written. Everything else is SQL both backends run as written.
/// </summary>
public abstract class RelationalDialect
{
    /// <summary>Type of id and key columns (<c>{key}</c> in the migrations); byte-ordered so both backends sort ids alike.</summary>
    public abstract string KeyType { get; }

    /// <summary>Type of time columns (<c>{timestamp}</c>); must round-trip UTC times to the microsecond.</summary>
    public abstract string TimestampType { get; }

    /// <summary>Type of JSON document columns (<c>{json}</c>).</summary>
    public abstract string JsonType { get; }

    /// <summary>Type of exact decimal columns (<c>{decimal}</c>).</summary>
    public abstract string DecimalType { get; }

    /// <summary>Type of boolean columns (<c>{boolean}</c>).</summary>
    public abstract string BooleanType { get; }

    /// <summary>A whole column definition for a generated 64-bit primary key (<c>{identity}</c>).</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>Appended to a SELECT that reads rows the transaction is about to update.</summary>
    public virtual string LockRowsClause => string.Empty;

    /// <summary>A condition that <paramref name="column"/> is one of the strings bound by <see cref="AddSetParameter"/>.</summary>
    public abstract string InSet(string column, string parameterName);

    public abstract void AddSetParameter(DbCommand command, string parameterName, IReadOnlyCollection<string> values);

    /// <summary>The value a time is stored as; the input may carry any offset.</summary>
    public abstract object ToDbTime(DateTimeOffset value);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Writes the rows (values in <see cref="BulkTable.Columns"/> order) in as few round trips as the backend allows.</summary>
    public abstract Task BulkWriteAsync(DbCommand command, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Adds a parameter, storing times as <see cref="ToDbTime"/> does and null as <see cref="DBNull"/>.</summary>
    public DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = ToDbValue(value);
        command.Parameters.Add(parameter);
        return parameter;
    }

    public object ToDbValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => ToDbTime(time),
        _ => value,
    };

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);
    }
}
