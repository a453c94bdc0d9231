using System.Data.Common;
using CrmBridge.Core.Model;
using CrmBridge.Storage.Relational.Bulk;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class ContactMapping
{
    public const string SelectColumns = "connection, external_id, full_name, position, role, email, phone, company_id, updated_at, fields";

    public static BulkTable Table { get; } = BulkTable.Upsert(
        "contacts",
        [
            new("connection", ColumnKind.Text),
            new("external_id", ColumnKind.Text),
            new("full_name", ColumnKind.Text),
            new("position", ColumnKind.Text),
            new("role", ColumnKind.Text),
            new("email", ColumnKind.Text),
            new("phone", ColumnKind.Text),
            new("company_id", ColumnKind.Text),
            new("updated_at", ColumnKind.Time),
            new("fields", ColumnKind.Json),
        ],
        ["connection", "external_id"]);

    public static object?[] ToRow(Contact contact) =>
    [
        contact.Connection,
        contact.ExternalId,
        contact.FullName,
        contact.Position,
        contact.Role.ToString(),
        contact.Email,
        contact.Phone,
        contact.CompanyId,
        contact.UpdatedAt,
        JsonText.WriteFields(contact.Fields),
    ];

    public static Contact Read(DbDataReader reader, RelationalDialect dialect) => new()
    {
        Connection = reader.GetString(0),
        ExternalId = reader.GetString(1),
        FullName = reader.GetString(2),
        Position = reader.GetNullableString(3),
        Role = reader.GetEnum<ContactRole>(4),
        Email = reader.GetNullableString(5),
        Phone = reader.GetNullableString(6),
        CompanyId = reader.GetNullableString(7),
        UpdatedAt = dialect.ReadNullableTime(reader, 8),
        Fields = JsonText.ReadFields(reader.GetString(9)),
    };
}
