using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmBridge.Core.Model;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class DealMapping
{
    public const string SelectColumns =
        "connection, external_id, name, pipeline_id, stage_id, amount, currency, owner_id, company_id, contact_ids, " +
        "created_at, updated_at, stage_entered_at, last_activity_at, next_activity_at, status, closed_at, lost_reason, fields";

    private const char Separator = '\u001f';

    /// <summary>
    /// A reappearing deal is restored, and a write without a run id (incremental sync) keeps the run that last saw it,
    /// so reconciliation after the next full run still works.
    /// </summary>
    public static BulkTable Table { get; } = BulkTable.Upsert(
        "deals",
        [
            new("connection", ColumnKind.Text),
            new("external_id", ColumnKind.Text),
            new("name", ColumnKind.Text),
            new("pipeline_id", ColumnKind.Text),
            new("stage_id", ColumnKind.Text),
            new("amount", ColumnKind.Decimal),
            new("currency", ColumnKind.Text),
            new("owner_id", ColumnKind.Text),
            new("company_id", ColumnKind.Text),
            new("contact_ids", ColumnKind.Json),
            new("created_at", ColumnKind.Time),
            new("updated_at", ColumnKind.Time),
            new("stage_entered_at", ColumnKind.Time),
            new("last_activity_at", ColumnKind.Time),
            new("next_activity_at", ColumnKind.Time),
            new("status", ColumnKind.Text),
            new("closed_at", ColumnKind.Time),
            new("lost_reason", ColumnKind.Text),
            new("fields", ColumnKind.Json),
            new("fingerprint", ColumnKind.Text),
            new("changed_at", ColumnKind.Time),
            new("last_seen_run", ColumnKind.Text),
        ],
        ["connection", "external_id"],
        new Dictionary<string, string>
        {
            ["last_seen_run"] = "COALESCE(excluded.last_seen_run, deals.last_seen_run)",
            ["removed_at"] = "NULL",
        });

    public static BulkTable ContactLinkTable { get; } = BulkTable.InsertIgnoringDuplicates(
        "deal_contacts",
        [new("connection", ColumnKind.Text), new("deal_id", ColumnKind.Text), new("contact_id", ColumnKind.Text)],
        "connection", "deal_id", "contact_id");

    public static Deal Read(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        ExternalId = reader.GetString(1),
        Name = reader.GetString(2),
        PipelineId = reader.GetString(3),
        StageId = reader.GetString(4),
        Amount = reader.GetNullableDecimal(5),
        Currency = reader.GetNullableString(6),
        OwnerId = reader.GetNullableString(7),
        CompanyId = reader.GetNullableString(8),
        ContactIds = JsonText.ReadList(reader.GetString(9)),
        CreatedAt = dialect.ReadTime(reader, 10),
        UpdatedAt = dialect.ReadTime(reader, 11),
        StageEnteredAt = dialect.ReadNullableTime(reader, 12),
        LastActivityAt = dialect.ReadNullableTime(reader, 13),
        NextActivityAt = dialect.ReadNullableTime(reader, 14),
        Status = reader.GetEnum<DealStatus>(15),
        ClosedAt = dialect.ReadNullableTime(reader, 16),
        LostReason = reader.GetNullableString(17),
        Fields = JsonText.ReadFields(reader.GetString(18)),
    };

    /// <summary>The deal's mapped content as a row of <see cref="Table"/>, with the fingerprint of that content.</summary>
    public static (object?[] Row, string Fingerprint) ToRow(Deal deal, DateTimeOffset changedAt, string? syncRunId)
    {
        object?[] row =
        [
            deal.Connection,
            deal.ExternalId,
            deal.Name,
            deal.PipelineId,
            deal.StageId,
            deal.Amount,
            deal.Currency,
            deal.OwnerId,
            deal.CompanyId,
            JsonText.WriteList(deal.ContactIds),
            deal.CreatedAt,
            deal.UpdatedAt,
            deal.StageEnteredAt,
            deal.LastActivityAt,
            deal.NextActivityAt,
            deal.Status.ToString(),
            deal.ClosedAt,
            deal.LostReason,
            JsonText.WriteFields(deal.Fields),
            null,
            changedAt,
            syncRunId,
        ];
        var fingerprint = Fingerprint(row.AsSpan(0, 19));
        row[19] = fingerprint;
        return (row, fingerprint);
    }

    /// <summary>SHA-256 over the mapped members; null and empty text stay distinct, times count in UTC ticks.</summary>
    private static string Fingerprint(ReadOnlySpan<object?> content)
    {
        var text = new StringBuilder(256);
        foreach (var value in content)
        {
            _ = value switch
            {
                null => text.Append('\0'),
                DateTimeOffset time => text.Append(time.UtcTicks),
                decimal amount => text.Append(amount.ToString("G29", CultureInfo.InvariantCulture)),
                _ => text.Append(value),
            };
            text.Append(Separator);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
