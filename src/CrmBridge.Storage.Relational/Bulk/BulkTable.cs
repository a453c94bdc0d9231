namespace CrmBridge.Storage.Relational.Bulk;

/// <summary>
/// A table written in bulk: the columns each row supplies, in order, and the <c>ON CONFLICT</c> clause both
/// dialects understand (empty for a plain insert).
/// </summary>
public sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns, string ConflictClause)
{
    public string ColumnList { get; } = string.Join(", ", Columns.Select(c => c.Name));

    /// <summary>
    /// An upsert keyed by <paramref name="keyColumns"/> that overwrites every other column with the incoming value,
    /// except where <paramref name="assignments"/> gives the column's new value as an SQL expression.
    /// </summary>
    public static BulkTable Upsert(string name, IReadOnlyList<BulkColumn> columns, string[] keyColumns, IReadOnlyDictionary<string, string>? assignments = null)
    {
        assignments ??= new Dictionary<string, string>();
        var updates = columns
            .Where(c => !keyColumns.Contains(c.Name) && !assignments.ContainsKey(c.Name))
            .Select(c => $"{c.Name} = excluded.{c.Name}")
            .Concat(assignments.Select(a => $"{a.Key} = {a.Value}"));
        return new BulkTable(name, columns, $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", updates)}");
    }

    public static BulkTable InsertIgnoringDuplicates(string name, IReadOnlyList<BulkColumn> columns, params string[] keyColumns) =>
        new(name, columns, $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO NOTHING");

    public static BulkTable Insert(string name, IReadOnlyList<BulkColumn> columns) => new(name, columns, string.Empty);
}
