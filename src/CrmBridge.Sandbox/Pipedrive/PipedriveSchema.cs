using System.Security.Cryptography;
using System.Text;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>The sandbox account's field definitions: Pipedrive's own fields plus the custom ones the dataset needs, keyed by 40-character hashes.</summary>
internal static class PipedriveSchema
{
    public const string SourceName = "Source";
    public const string MarkerName = "CrmBridge marker";
    public const string WebsiteName = "Website";
    public const string InnName = "INN";
    public const string IndustryName = "Industry";
    public const string PhoneName = "Phone";
    public const string BuyingRoleName = "Buying role";

    public const long FirstSourceOptionId = 11;
    public const long FirstRoleOptionId = 31;

    public static IReadOnlyList<PipedriveFieldRow> DealFields { get; } = Build(
        "deal",
        [
            ("id", "ID", "int"), ("title", "Title", "varchar"), ("creator_user_id", "Creator", "user"), ("user_id", "Owner", "user"),
            ("value", "Value", "monetary"), ("currency", "Currency", "varchar"), ("org_id", "Organization", "org"),
            ("person_id", "Contact person", "people"), ("pipeline", "Pipeline", "double"), ("stage_id", "Stage", "stage"),
            ("status", "Status", "status"), ("lost_reason", "Lost reason", "varchar"), ("add_time", "Deal created", "date"),
            ("update_time", "Update time", "date"), ("stage_change_time", "Last stage change", "date"),
            ("next_activity_date", "Next activity date", "date"), ("last_activity_date", "Last activity date", "date"),
            ("won_time", "Won time", "date"), ("lost_time", "Lost time", "date"), ("close_time", "Deal closed on", "date"),
            ("expected_close_date", "Expected close date", "date"),
        ],
        [
            (SourceName, "enum", SalesMethodDefaults.DealSources.Select((s, i) => new PipedriveOptionRow(FirstSourceOptionId + i, s.Value)).ToList()),
            (MarkerName, "varchar", []),
        ]);

    public static IReadOnlyList<PipedriveFieldRow> OrganizationFields { get; } = Build(
        "organization",
        [
            ("id", "ID", "int"), ("name", "Name", "varchar"), ("owner_id", "Owner", "user"), ("address", "Address", "address"),
            ("add_time", "Organization created", "date"), ("update_time", "Update time", "date"),
        ],
        [(WebsiteName, "varchar", []), (InnName, "varchar", []), (IndustryName, "varchar", []), (PhoneName, "phone", [])]);

    public static IReadOnlyList<PipedriveFieldRow> PersonFields { get; } = Build(
        "person",
        [
            ("id", "ID", "int"), ("name", "Name", "varchar"), ("first_name", "First name", "varchar"), ("last_name", "Last name", "varchar"),
            ("email", "Email", "varchar"), ("phone", "Phone", "phone"), ("org_id", "Organization", "org"), ("job_title", "Job title", "varchar"),
            ("add_time", "Person created", "date"), ("update_time", "Update time", "date"),
        ],
        [
            (BuyingRoleName, "enum",
            [
                new PipedriveOptionRow(FirstRoleOptionId, "Decision maker"),
                new PipedriveOptionRow(FirstRoleOptionId + 1, "Influencer"),
                new PipedriveOptionRow(FirstRoleOptionId + 2, "Champion"),
            ]),
        ]);

    public static string DealKey(string name) => Key(DealFields, name);

    public static string OrganizationKey(string name) => Key(OrganizationFields, name);

    public static string PersonKey(string name) => Key(PersonFields, name);

    public static PipedriveFieldRow DealField(string name) => DealFields.Single(f => f.Name == name);

    public static PipedriveFieldRow PersonField(string name) => PersonFields.Single(f => f.Name == name);

    public static long? RoleOptionId(ContactRole role) => role switch
    {
        ContactRole.DecisionMaker => FirstRoleOptionId,
        ContactRole.Influencer => FirstRoleOptionId + 1,
        ContactRole.Champion => FirstRoleOptionId + 2,
        _ => null,
    };

    /// <summary>A stable 40-character hexadecimal key, shaped like Pipedrive's custom field keys.</summary>
    public static string HashKey(string entity, string name) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"crmbridge-sandbox/{entity}/{name}")));

    private static string Key(IReadOnlyList<PipedriveFieldRow> fields, string name) => fields.Single(f => f.Name == name).Key;

    private static List<PipedriveFieldRow> Build(
        string entity, (string Key, string Name, string Type)[] standard, (string Name, string Type, List<PipedriveOptionRow> Options)[] custom)
    {
        var fields = new List<PipedriveFieldRow>();
        var id = entity switch { "deal" => 12450L, "organization" => 4000L, _ => 9000L };
        foreach (var (key, name, type) in standard)
        {
            fields.Add(new PipedriveFieldRow(id++, key, name, type, false, []));
        }

        foreach (var (name, type, options) in custom)
        {
            fields.Add(new PipedriveFieldRow(id++, HashKey(entity, name), name, type, true, options));
        }

        return fields;
    }
}
