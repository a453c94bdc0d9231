using System.Text.RegularExpressions;
using CrmBridge.Adapters.Pipedrive.Models;

namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>
/// The field definitions of one entity and the canonical fields of the connection resolved against them: a configured
/// name finds the field with that name (case-insensitive), a 40-character hash or a standard key finds it by key.
/// Names that match no field, or several, are kept as problems and reported when a write needs them.
/// </summary>
internal sealed partial class PipedriveFieldSet
{
    private readonly Dictionary<string, PipedriveField> _bound = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _problems = new(StringComparer.OrdinalIgnoreCase);

    public PipedriveFieldSet(string entity, IReadOnlyList<PipedriveField> fields, IReadOnlyDictionary<string, string> canonicalToName)
    {
        Entity = entity;
        Fields = fields;
        var byKey = new Dictionary<string, PipedriveField>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.Key.Length > 0))
        {
            byKey.TryAdd(field.Key, field);
        }

        foreach (var (canonical, configured) in canonicalToName)
        {
            if (byKey.TryGetValue(configured, out var byItsKey))
            {
                _bound[canonical] = byItsKey;
                continue;
            }

            var named = fields.Where(f => string.Equals(f.Name?.Trim(), configured, StringComparison.OrdinalIgnoreCase)).ToList();
            switch (named.Count)
            {
                case 1:
                    _bound[canonical] = named[0];
                    break;
                case 0:
                    _problems[canonical] = $"'{configured}' is not a Pipedrive {entity} field";
                    break;
                default:
                    _problems[canonical] = $"'{configured}' names {named.Count} Pipedrive {entity} fields ({string.Join(", ", named.Select(f => f.Key))}); map the key instead";
                    break;
            }
        }
    }

    public string Entity { get; }

    public IReadOnlyList<PipedriveField> Fields { get; }

    /// <summary>Canonical name to the resolved field, for every canonical field that resolved.</summary>
    public IReadOnlyDictionary<string, PipedriveField> Bound => _bound;

    /// <summary>The keys of the resolved custom fields (those a v2 record carries under <c>custom_fields</c>).</summary>
    public IEnumerable<string> CustomKeys => _bound.Values.Where(IsCustom).Select(f => f.Key).Distinct(StringComparer.Ordinal);

    public static bool IsCustom(PipedriveField field) => field.EditFlag || HashKey().IsMatch(field.Key);

    public PipedriveField? Find(string canonical) => _bound.GetValueOrDefault(canonical);

    /// <summary>The field of a canonical name, or an exception naming what is wrong with the mapping.</summary>
    public PipedriveField Require(string canonical) =>
        _bound.TryGetValue(canonical, out var field)
            ? field
            : throw new PipedriveFieldMapException(canonical, _problems.GetValueOrDefault(canonical) ?? "has no FieldMap entry naming its Pipedrive field");

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex HashKey();
}
