using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary><c>crm.item.fields</c> of the sandbox portal: a few standard fields and the user fields the dataset needs.</summary>
internal static class Bitrix24Fields
{
    public static bool HasItem(string field, long id) => field switch
    {
        Bitrix24Schema.LossReasonField => Bitrix24Schema.LossReasonItems.Any(i => i.Id == id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Bitrix24Schema.RoleField => Bitrix24Schema.RoleItems.Any(i => i.Id == id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => false,
    };

    public static JsonObject Describe(long entityTypeId, bool originalUfNames)
    {
        var fields = new JsonObject
        {
            ["id"] = Standard("integer", "ID", "ID", readOnly: true),
            ["title"] = Standard("string", "Name", "TITLE"),
            ["assignedById"] = Standard("user", "Responsible person", "ASSIGNED_BY_ID"),
            ["createdTime"] = Standard("datetime", "Created on", "DATE_CREATE", readOnly: true),
            ["updatedTime"] = Standard("datetime", "Modified on", "DATE_MODIFY", readOnly: true),
        };
        switch (entityTypeId)
        {
            case Bitrix24Schema.Deal:
                fields["categoryId"] = Standard("crm_category", "Pipeline", "CATEGORY_ID");
                fields["stageId"] = Standard("crm_status", "Stage", "STAGE_ID");
                fields["opportunity"] = Standard("double", "Amount", "OPPORTUNITY");
                fields["contactIds"] = Standard("crm_contact", "Contacts", "CONTACT_IDS", multiple: true);
                fields["movedTime"] = Standard("datetime", "Stage changed on", "MOVED_TIME", readOnly: true);
                User(fields, originalUfNames, Bitrix24Schema.SourceField, "ufCrmSource", "string", "Lead source", null);
                User(fields, originalUfNames, Bitrix24Schema.LossReasonField, "ufCrmLossReason", "enumeration", Bitrix24Schema.LossReasonLabel, Bitrix24Schema.LossReasonItems);
                User(fields, originalUfNames, Bitrix24Schema.MarkerField, "ufCrmCrmbridgeMarker", "string", "CrmBridge marker", null);
                break;
            case Bitrix24Schema.Company:
                fields["industry"] = Standard("crm_status", "Industry", "INDUSTRY");
                User(fields, originalUfNames, Bitrix24Schema.InnField, "ufCrmInn", "string", "INN", null);
                break;
            case Bitrix24Schema.Contact:
                fields["post"] = Standard("string", "Position", "POST");
                User(fields, originalUfNames, Bitrix24Schema.RoleField, "ufCrmRole", "enumeration", "Buying role", [.. Bitrix24Schema.RoleItems.Select(r => (r.Id, r.Label))]);
                break;
            default:
                throw new Bitrix24SandboxException(400, "NOT_FOUND", $"Smart process with entityTypeId {entityTypeId} not found");
        }

        return new JsonObject { ["fields"] = fields };
    }

    private static JsonObject Standard(string type, string title, string upperName, bool readOnly = false, bool multiple = false) => new()
    {
        ["type"] = type,
        ["isRequired"] = false,
        ["isReadOnly"] = readOnly,
        ["isImmutable"] = false,
        ["isMultiple"] = multiple,
        ["isDynamic"] = false,
        ["title"] = title,
        ["upperName"] = upperName,
    };

    private static void User(JsonObject fields, bool originalUfNames, string code, string camel, string type, string label, IReadOnlyList<(string Id, string Label)>? items)
    {
        var field = new JsonObject
        {
            ["type"] = type,
            ["isRequired"] = false,
            ["isReadOnly"] = false,
            ["isImmutable"] = false,
            ["isMultiple"] = false,
            ["isDynamic"] = true,
            ["title"] = label,
            ["listLabel"] = label,
            ["formLabel"] = label,
            ["filterLabel"] = label,
            ["upperName"] = code,
        };
        if (items is not null)
        {
            field["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["ID"] = i.Id, ["VALUE"] = i.Label })]);
        }

        fields[originalUfNames ? code : camel] = field;
    }
}
