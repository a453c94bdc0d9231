using CrmBridge.Adapters.Bitrix24.Models;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>
/// The connection's field map resolved against the portal's field definitions. A map value may be the field's code
/// (<c>UF_CRM_1746431727372</c> or <c>ufCrm_1746431727372</c>) or its label as users see it (<c>Lead source</c>).
/// </summary>
internal sealed class Bitrix24FieldCatalog
{
    /// <summary>A Bitrix24-specific canonical name: the user field holding a deal's loss reason, when the portal has one.</summary>
    public const string LostReason = "deal.lost_reason";

    private readonly Dictionary<string, Bitrix24MappedField> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _unresolved = [];

    public Bitrix24FieldCatalog(
        IReadOnlyDictionary<string, string> fieldMap,
        IReadOnlyDictionary<string, Dictionary<string, Bitrix24Field>> definitionsByEntity)
    {
        foreach (var (canonical, value) in fieldMap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var entity = canonical.Split('.', 2)[0].ToLowerInvariant();
            var definitions = definitionsByEntity.GetValueOrDefault(entity);
            if (Resolve(value.Trim(), definitions) is { } resolved)
            {
                _fields[canonical] = new Bitrix24MappedField(canonical.ToLowerInvariant(), resolved.Code, resolved.Definition);
            }
            else
            {
                _unresolved.Add($"{canonical} '{value}'");
            }
        }
    }

    /// <summary>Map entries that name no field of the portal, for error messages.</summary>
    public IReadOnlyList<string> Unresolved => _unresolved;

    public Bitrix24MappedField? Find(string canonical) => _fields.GetValueOrDefault(canonical);

    /// <summary>The mapped fields of an entity (<c>deal</c>, <c>company</c>, <c>contact</c>).</summary>
    public IEnumerable<Bitrix24MappedField> ForEntity(string entity) =>
        _fields.Values.Where(f => f.Canonical.StartsWith(entity + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>The entities whose definitions the map needs.</summary>
    public static IReadOnlyList<string> EntitiesOf(IReadOnlyDictionary<string, string> fieldMap) =>
        [.. fieldMap.Keys.Select(k => k.Split('.', 2)[0].ToLowerInvariant()).Where(e => e is "deal" or "company" or "contact").Distinct(StringComparer.Ordinal)];

    private static (string Code, Bitrix24Field? Definition)? Resolve(string value, Dictionary<string, Bitrix24Field>? definitions)
    {
        if (definitions is not null)
        {
            foreach (var (key, field) in definitions)
            {
                if (string.Equals(key, value, StringComparison.OrdinalIgnoreCase) || string.Equals(field.UpperName, value, StringComparison.OrdinalIgnoreCase))
                {
                    return (CodeOf(key, field), field);
                }
            }

            foreach (var (key, field) in definitions)
            {
                if (Matches(field.Title, value) || Matches(field.FormLabel, value) || Matches(field.ListLabel, value))
                {
                    return (CodeOf(key, field), field);
                }
            }
        }

        return value.StartsWith("UF_CRM_", StringComparison.OrdinalIgnoreCase) ? (value.ToUpperInvariant(), null) : null;
    }

    // Requests ask for original user field names (useOriginalUfNames=Y), so user fields go by their UPPER code.
    private static string CodeOf(string key, Bitrix24Field field) =>
        key.StartsWith("UF_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ufCrm", StringComparison.Ordinal)
            ? field.UpperName ?? key
            : key;

    private static bool Matches(string? label, string value) =>
        !string.IsNullOrWhiteSpace(label) && string.Equals(label.Trim(), value, StringComparison.OrdinalIgnoreCase);
}
