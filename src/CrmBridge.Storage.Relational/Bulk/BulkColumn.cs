namespace CrmBridge.Storage.Relational.Bulk;

/// <summary>One column of a <see cref="BulkTable"/>.</summary>
public sealed record BulkColumn(string Name, ColumnKind Kind);
