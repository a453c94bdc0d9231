using System.Data.Common;
using CrmBridge.Core.Model;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class CompanyMapping
{
    public const string SelectColumns = "connection, external_id, name, website, inn, industry, phone, updated_at, fields";

    public static BulkTable Table { get; } = BulkTable.Upsert(
        "companies",
        [
            new("connection", ColumnKind.Text),
            new("external_id", ColumnKind.Text),
            new("name", ColumnKind.Text),
            new("website", ColumnKind.Text),
            new("inn", ColumnKind.Text),
            new("industry", ColumnKind.Text),
            new("phone", ColumnKind.Text),
            new("updated_at", ColumnKind.Time),
            new("fields", ColumnKind.Json),
        ],
        ["connection", "external_id"]);

    public static object?[] ToRow(Company company) =>
    [
        company.Connection,
        company.ExternalId,
        company.Name,
        company.Website,
        company.Inn,
        company.Industry,
        company.Phone,
        company.UpdatedAt,
        JsonText.WriteFields(company.Fields),
    ];

    public static Company Read(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        ExternalId = reader.GetString(1),
        Name = reader.GetString(2),
        Website = reader.GetNullableString(3),
        Inn = reader.GetNullableString(4),
        Industry = reader.GetNullableString(5),
        Phone = reader.GetNullableString(6),
        UpdatedAt = dialect.ReadNullableTime(reader, 7),
        Fields = JsonText.ReadFields(reader.GetString(8)),
    };
}
