using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

/// <summary>Pipelines, stages and owners: replaced wholesale per connection, so plain inserts.</summary>
internal static class ReferenceMapping
{
    public static BulkTable Pipelines { get; } = BulkTable.InsertIgnoringDuplicates(
        "pipelines",
        [new("connection", ColumnKind.Text), new("external_id", ColumnKind.Text), new("name", ColumnKind.Text), new("sort_order", ColumnKind.Int32)],
        "connection", "external_id");

    public static BulkTable Stages { get; } = BulkTable.InsertIgnoringDuplicates(
        "stages",
        [
            new("connection", ColumnKind.Text),
            new("pipeline_id", ColumnKind.Text),
            new("external_id", ColumnKind.Text),
            new("name", ColumnKind.Text),
            new("sort_order", ColumnKind.Int32),
            new("outcome", ColumnKind.Text),
        ],
        "connection", "pipeline_id", "external_id");

    public static BulkTable Owners { get; } = BulkTable.InsertIgnoringDuplicates(
        "owners",
        [new("connection", ColumnKind.Text), new("external_id", ColumnKind.Text), new("name", ColumnKind.Text), new("email", ColumnKind.Text)],
        "connection", "external_id");

    public static BulkTable StageTransitions { get; } = BulkTable.Insert(
        "stage_transitions",
        [
            new("connection", ColumnKind.Text),
            new("deal_id", ColumnKind.Text),
            new("pipeline_id", ColumnKind.Text),
            new("from_stage_id", ColumnKind.Text),
            new("to_stage_id", ColumnKind.Text),
            new("observed_at", ColumnKind.Time),
            new("crm_changed_at", ColumnKind.Time),
        ]);
}
