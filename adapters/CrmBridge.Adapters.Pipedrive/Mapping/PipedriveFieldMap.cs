using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>
/// The connection's FieldMap split by entity: canonical name (<c>deal.source</c>) to the Pipedrive field's name as users
/// see it (<c>Lead source</c>), or its 40-character key. The marker defaults to a deal field named <see cref="DefaultMarkerName"/>.
/// </summary>
internal sealed class PipedriveFieldMap
{
    public const string DefaultMarkerName = "CrmBridge marker";

    public PipedriveFieldMap(IReadOnlyDictionary<string, string> fieldMap)
    {
        ArgumentNullException.ThrowIfNull(fieldMap);
        Deal = Select(fieldMap, "deal.");
        Deal.TryAdd(CanonicalFields.DealMarker, DefaultMarkerName);
        Company = Select(fieldMap, "company.");
        Contact = Select(fieldMap, "contact.");
    }

    public Dictionary<string, string> Deal { get; }

    public Dictionary<string, string> Company { get; }

    public Dictionary<string, string> Contact { get; }

    private static Dictionary<string, string> Select(IReadOnlyDictionary<string, string> fieldMap, string prefix) =>
        fieldMap
            .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(e.Value))
            .ToDictionary(e => e.Key.ToLowerInvariant(), e => e.Value.Trim(), StringComparer.OrdinalIgnoreCase);
}
