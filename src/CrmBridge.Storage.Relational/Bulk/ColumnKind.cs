namespace CrmBridge.Storage.Relational.Bulk;

/// <summary>How a backend binds the values of one column in a bulk write.</summary>
public enum ColumnKind
{
    Text,
    Json,
    Int32,
    Decimal,
    Boolean,
    Time,
}
