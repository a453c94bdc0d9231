using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>The HubSpot CRM v3/v4 endpoints over <see cref="HubSpotPortal"/>. Callers hold the portal's lock.</summary>
internal sealed class HubSpotApi(HubSpotPortal portal, Uri baseUrl)
{
    public const int ListMaxLimit = 100;
    public const int BatchReadMaxInputs = 100;
    public const int AssociationBatchMaxInputs = 1000;
    public const int OwnersMaxLimit = 500;

    public SandboxHttpResponse List(SandboxHttpRequest request, string typeSegment)
    {
        var store = portal.Store(typeSegment);
        var limit = Limit(request.Query, 10, ListMaxLimit);
        var archived = string.Equals(request.Query["archived"], "true", StringComparison.OrdinalIgnoreCase);
        var from = request.Query["after"] is { Length: > 0 } after ? DecodeAfter(after) : long.MinValue;
        var properties = SelectProperties(store.Type, Csv(request.Query, "properties"));
        var associations = Associations(request.Query);
        var (page, nextId) = store.Page(archived, from, limit);
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var obj in page)
            {
                HubSpotJson.WriteObject(w, obj, properties, associations);
            }

            w.WriteEndArray();
            if (nextId is { } next)
            {
                WriteNextPage(w, EncodeAfter(next), request);
            }

            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Get(SandboxHttpRequest request, string typeSegment, string id)
    {
        var store = portal.Store(typeSegment);
        var archived = string.Equals(request.Query["archived"], "true", StringComparison.OrdinalIgnoreCase);
        var obj = (long.TryParse(id, out var value) ? store.Find(value) : null) is { } found && found.Archived == archived
            ? found
            : throw HubSpotRequestException.NotFound($"Object not found.  objectId are usually numeric. {store.Type.Singular} {id}");
        var properties = SelectProperties(store.Type, Csv(request.Query, "properties"));
        return Ok(w => HubSpotJson.WriteObject(w, obj, properties, Associations(request.Query)));
    }

    public SandboxHttpResponse Search(SandboxHttpRequest request, string typeSegment)
    {
        var store = portal.Store(typeSegment);
        using var body = ParseBody(request);
        var (total, page, properties) = HubSpotSearch.Run(store, body.RootElement);
        var after = body.RootElement.TryGetProperty("after", out var a) && a.ValueKind != JsonValueKind.Null
            ? int.Parse(a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText(), CultureInfo.InvariantCulture)
            : 0;
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", total);
            w.WriteStartArray("results");
            foreach (var obj in page)
            {
                HubSpotJson.WriteObject(w, obj, properties);
            }

            w.WriteEndArray();
            if (after + page.Count < total && page.Count > 0)
            {
                w.WriteStartObject("paging");
                w.WriteStartObject("next");
                w.WriteString("after", (after + page.Count).ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse BatchRead(SandboxHttpRequest request, string typeSegment)
    {
        var store = portal.Store(typeSegment);
        using var body = ParseBody(request);
        var ids = Inputs(body.RootElement, BatchReadMaxInputs);
        var requested = body.RootElement.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : null;
        var properties = SelectProperties(store.Type, requested);
        var found = ids.Distinct(StringComparer.Ordinal).Select(store.FindLive).OfType<HubSpotObject>().ToList();
        var now = Format.Time(portal.Now);
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "COMPLETE");
            w.WriteStartArray("results");
            foreach (var obj in found)
            {
                HubSpotJson.WriteObject(w, obj, properties);
            }

            w.WriteEndArray();
            w.WriteString("startedAt", now);
            w.WriteString("completedAt", now);
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Create(SandboxHttpRequest request, string typeSegment)
    {
        var store = portal.Store(typeSegment);
        using var body = ParseBody(request);
        var properties = ReadProperties(body.RootElement);
        var associations = new List<(string, int)>();
        if (body.RootElement.TryGetProperty("associations", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var association in list.EnumerateArray())
            {
                var toId = association.TryGetProperty("to", out var to) && to.TryGetProperty("id", out var id)
                    ? (id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString())
                    : null;
                if (toId is null || !association.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array)
                {
                    throw HubSpotRequestException.Validation("Each association needs to.id and types.");
                }

                foreach (var t in types.EnumerateArray())
                {
                    if (!t.TryGetProperty("associationTypeId", out var typeId) || !typeId.TryGetInt32(out var typeIdValue))
                    {
                        throw HubSpotRequestException.Validation("Each association type needs a numeric associationTypeId.");
                    }

                    associations.Add((toId, typeIdValue));
                }
            }
        }

        var obj = portal.Create(store, properties, associations);
        return Ok(w => HubSpotJson.WriteObject(w, obj, SetProperties(obj)), status: 201);
    }

    public SandboxHttpResponse Update(SandboxHttpRequest request, string typeSegment, string id)
    {
        var store = portal.Store(typeSegment);
        using var body = ParseBody(request);
        var obj = store.FindLive(id) ?? throw HubSpotRequestException.NotFound($"Object not found.  objectId are usually numeric. {store.Type.Singular} {id}");
        portal.Update(store, obj, ReadProperties(body.RootElement), fromApi: true);
        return Ok(w => HubSpotJson.WriteObject(w, obj, SetProperties(obj)));
    }

    public SandboxHttpResponse Archive(string typeSegment, string id)
    {
        var store = portal.Store(typeSegment);
        if (store.FindLive(id) is { } obj)
        {
            store.Archive(obj, portal.Now);
        }

        return new SandboxHttpResponse(204, null);
    }

    public SandboxHttpResponse AssociationsBatchRead(SandboxHttpRequest request, string fromSegment, string toSegment)
    {
        var from = portal.Store(fromSegment);
        var to = portal.Store(toSegment).Type;
        var typeId = HubSpotSchema.AssociationTypeId(from.Type.Name, to.Name)
            ?? throw HubSpotRequestException.Validation($"No association type between {from.Type.Name} and {to.Name}.");
        using var body = ParseBody(request);
        var ids = Inputs(body.RootElement, AssociationBatchMaxInputs);
        var now = Format.Time(portal.Now);
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "COMPLETE");
            w.WriteStartArray("results");
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (from.FindLive(id) is not { } obj || obj.AssociatedIds(to.Name) is not { Count: > 0 } targets)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteStartObject("from");
                w.WriteString("id", Format.Id(obj.Id));
                w.WriteEndObject();
                w.WriteStartArray("to");
                foreach (var target in targets)
                {
                    w.WriteStartObject();
                    w.WriteNumber("toObjectId", target);
                    w.WriteStartArray("associationTypes");
                    w.WriteStartObject();
                    w.WriteString("category", "HUBSPOT_DEFINED");
                    w.WriteNumber("typeId", typeId);
                    w.WriteNull("label");
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("startedAt", now);
            w.WriteString("completedAt", now);
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Pipelines(string typeSegment, string? pipelineId)
    {
        if (HubSpotSchema.NormalizeTypeName(typeSegment) != HubSpotSchema.Deals)
        {
            throw HubSpotRequestException.NotFound($"No pipelines for object type {typeSegment}.");
        }

        var created = Format.Time(portal.Owners[0].CreatedAt);
        void WritePipeline(System.Text.Json.Utf8JsonWriter w, HubSpotPipeline pipeline)
        {
            w.WriteStartObject();
            w.WriteString("id", pipeline.Id);
            w.WriteString("label", pipeline.Label);
            w.WriteNumber("displayOrder", pipeline.DisplayOrder);
            w.WriteBoolean("archived", false);
            w.WriteString("createdAt", created);
            w.WriteString("updatedAt", created);
            w.WriteStartArray("stages");
            foreach (var stage in pipeline.Stages)
            {
                w.WriteStartObject();
                w.WriteString("id", stage.Id);
                w.WriteString("label", stage.Label);
                w.WriteNumber("displayOrder", stage.DisplayOrder);
                w.WriteBoolean("archived", false);
                w.WriteString("createdAt", created);
                w.WriteString("updatedAt", created);
                w.WriteStartObject("metadata");
                w.WriteString("isClosed", stage.IsClosed ? "true" : "false");
                w.WriteString("probability", Format.Probability(stage.Probability));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (pipelineId is not null)
        {
            var pipeline = portal.Pipelines.FirstOrDefault(p => p.Id == pipelineId)
                ?? throw HubSpotRequestException.NotFound($"Unable to find pipeline {pipelineId}.");
            return Ok(w => WritePipeline(w, pipeline));
        }

        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var pipeline in portal.Pipelines)
            {
                WritePipeline(w, pipeline);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Owners(SandboxHttpRequest request, string? ownerId)
    {
        if (ownerId is not null)
        {
            var owner = portal.Owners.FirstOrDefault(o => Format.Id(o.Id) == ownerId)
                ?? throw HubSpotRequestException.NotFound($"Unable to find owner {ownerId}.");
            return Ok(w => WriteOwner(w, owner));
        }

        var limit = Limit(request.Query, 100, OwnersMaxLimit);
        var start = request.Query["after"] is { Length: > 0 } after ? (int)Math.Max(0, DecodeAfter(after)) : 0;
        var email = request.Query["email"];
        var owners = portal.Owners.Where(o => email is null || string.Equals(o.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
        var page = owners.Skip(start).Take(limit).ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var owner in page)
            {
                WriteOwner(w, owner);
            }

            w.WriteEndArray();
            if (start + page.Count < owners.Count)
            {
                WriteNextPage(w, EncodeAfter(start + page.Count), request);
            }

            w.WriteEndObject();
        });
    }

    public SandboxHttpResponse Properties(string typeSegment)
    {
        var type = portal.Store(typeSegment).Type;
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            var order = 0;
            foreach (var property in type.Properties)
            {
                w.WriteStartObject();
                w.WriteString("name", property.Name);
                w.WriteString("label", property.Label);
                w.WriteString("type", property.Type);
                w.WriteString("fieldType", property.FieldType);
                w.WriteString("description", "");
                w.WriteString("groupName", $"{type.Singular}information");
                w.WriteStartArray("options");
                var optionOrder = 0;
                foreach (var (value, label) in property.Options)
                {
                    w.WriteStartObject();
                    w.WriteString("label", label);
                    w.WriteString("value", value);
                    w.WriteNumber("displayOrder", optionOrder++);
                    w.WriteBoolean("hidden", false);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("displayOrder", order++);
                w.WriteBoolean("calculated", false);
                w.WriteBoolean("externalOptions", false);
                w.WriteBoolean("hasUniqueValue", false);
                w.WriteBoolean("hidden", false);
                w.WriteBoolean("hubspotDefined", property.HubSpotDefined);
                w.WriteBoolean("formField", !property.ReadOnly);
                w.WriteStartObject("modificationMetadata");
                w.WriteBoolean("archivable", !property.HubSpotDefined);
                w.WriteBoolean("readOnlyDefinition", property.HubSpotDefined);
                w.WriteBoolean("readOnlyValue", property.ReadOnly);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The properties a read returns: the defaults when none are asked, else the known asked ones plus the always-returned ones.</summary>
    public static IReadOnlyList<string> SelectProperties(HubSpotObjectType type, IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0)
        {
            return type.DefaultProperties;
        }

        return [.. requested.Where(type.PropertiesByName.ContainsKey).Concat(type.AlwaysReturned).Distinct(StringComparer.Ordinal)];
    }

    private void WriteOwner(System.Text.Json.Utf8JsonWriter w, HubSpotOwner owner)
    {
        w.WriteStartObject();
        w.WriteString("id", Format.Id(owner.Id));
        w.WriteString("email", owner.Email);
        w.WriteString("type", "PERSON");
        w.WriteString("firstName", owner.FirstName);
        w.WriteString("lastName", owner.LastName);
        w.WriteNumber("userId", owner.UserId);
        w.WriteString("createdAt", Format.Time(owner.CreatedAt));
        w.WriteString("updatedAt", Format.Time(owner.CreatedAt));
        w.WriteBoolean("archived", false);
        w.WriteEndObject();
    }

    private void WriteNextPage(System.Text.Json.Utf8JsonWriter w, string after, SandboxHttpRequest request)
    {
        var query = HttpUtilityQuery(request.Query, after);
        w.WriteStartObject("paging");
        w.WriteStartObject("next");
        w.WriteString("after", after);
        w.WriteString("link", $"{baseUrl.ToString().TrimEnd('/')}{request.Path}?{query}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string HttpUtilityQuery(NameValueCollection query, string after)
    {
        var parts = new List<string>();
        foreach (var key in query.AllKeys.OfType<string>().Where(k => k != "after"))
        {
            parts.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(query[key] ?? "")}");
        }

        parts.Add($"after={Uri.EscapeDataString(after)}");
        return string.Join("&", parts);
    }

    private List<HubSpotObjectType> Associations(NameValueCollection query) =>
        [.. Csv(query, "associations")
            .Select(HubSpotSchema.NormalizeTypeName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(name => portal.Types[name])];

    private static List<string> SetProperties(HubSpotObject obj) =>
        [.. obj.Type.Properties.Select(p => p.Name).Where(n => obj.Properties.GetValueOrDefault(n) is not null)];

    private static Dictionary<string, string?> ReadProperties(JsonElement root)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!root.TryGetProperty("properties", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            throw HubSpotRequestException.Validation("The request body needs a properties object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            properties[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        }

        return properties;
    }

    private static List<string> Inputs(JsonElement root, int max)
    {
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw HubSpotRequestException.Validation("The request body needs an inputs array.");
        }

        var ids = inputs.EnumerateArray()
            .Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("id", out var id)
                ? (id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString() ?? "")
                : throw HubSpotRequestException.Validation("Each input needs an id."))
            .ToList();
        return ids.Count > max
            ? throw HubSpotRequestException.Validation($"Batch input is limited to {max} inputs; got {ids.Count}.")
            : ids;
    }

    private static JsonDocument ParseBody(SandboxHttpRequest request)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body);
        }
        catch (JsonException ex)
        {
            throw HubSpotRequestException.Validation($"Invalid input JSON: {ex.Message}");
        }
    }

    private static int Limit(NameValueCollection query, int defaultLimit, int max)
    {
        var text = query["limit"];
        if (text is null)
        {
            return defaultLimit;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max
            ? limit
            : throw HubSpotRequestException.Validation($"limit must be between 1 and {max}; got {text}.");
    }

    private static List<string> Csv(NameValueCollection query, string name) =>
        [.. (query.GetValues(name) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string EncodeAfter(long value) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));

    private static long DecodeAfter(string after)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(after));
            return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw HubSpotRequestException.Validation($"Invalid paging token after={after}.");
        }
    }

    private static SandboxHttpResponse Ok(Action<System.Text.Json.Utf8JsonWriter> body, int status = 200) =>
        new(status, HubSpotJson.Write(body));
}
