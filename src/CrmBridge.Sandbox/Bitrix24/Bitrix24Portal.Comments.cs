using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>
/// <c>crm.timeline.comment.list</c>: the comments of one record (filter ENTITY_ID and ENTITY_TYPE, both required), oldest
/// first, 50 a page with <c>total</c> and <c>next</c>, fields as the legacy methods return them (strings).
/// </summary>
internal sealed partial class Bitrix24Portal
{
    private Bitrix24MethodResult CommentList(JsonObject p)
    {
        var filter = Bitrix24Params.Get(p, "filter") as JsonObject
            ?? throw Bitrix24SandboxException.Invalid("Parameter 'filter' with ENTITY_ID and ENTITY_TYPE is required.");
        var entityType = Bitrix24Params.Scalar(Bitrix24Params.Get(filter, "ENTITY_TYPE"));
        var entityId = Bitrix24Params.Long(Bitrix24Params.Get(filter, "ENTITY_ID"))
            ?? throw Bitrix24SandboxException.Invalid("Filter field 'ENTITY_ID' is required.");
        if (string.IsNullOrEmpty(entityType))
        {
            throw Bitrix24SandboxException.Invalid("Filter field 'ENTITY_TYPE' is required.");
        }

        var select = Select(p);
        var matching = string.Equals(entityType, "deal", StringComparison.OrdinalIgnoreCase)
            ? Comments.Where(c => c.DealId == entityId).ToList()
            : [];
        var start = Math.Max(0, Start(p));
        var page = matching.Skip(start).Take(PageSize).ToList();
        return new Bitrix24MethodResult(
            new JsonArray([.. page.Select(c => (JsonNode)Comment(c, select))]),
            matching.Count,
            start + PageSize < matching.Count ? start + PageSize : null);
    }

    private static JsonObject Comment((long Id, long DealId, string Comment, DateTimeOffset Created) comment, IReadOnlyList<string>? select)
    {
        var all = new JsonObject
        {
            ["ID"] = comment.Id.ToString(CultureInfo.InvariantCulture),
            ["CREATED"] = Bitrix24Schema.Format(comment.Created),
            ["ENTITY_ID"] = comment.DealId.ToString(CultureInfo.InvariantCulture),
            ["ENTITY_TYPE"] = "deal",
            ["AUTHOR_ID"] = "1",
            ["COMMENT"] = comment.Comment,
        };
        if (select is null)
        {
            return all;
        }

        var picked = new JsonObject();
        foreach (var (name, value) in all)
        {
            if (select.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                picked[name] = value?.DeepClone();
            }
        }

        return picked;
    }
}
