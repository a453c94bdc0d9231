using CrmBridge.Core.Model;

namespace CrmBridge.Core.Connections;

/// <summary>
/// A connection's field map split by entity: canonical name (<c>deal.source</c>) to the CRM's own field name, id or
/// key. Adapters read and write custom fields through it; names are compared case-insensitively and values trimmed,
/// and entries with an empty value are ignored.
/// </summary>
public sealed class FieldMapPartition
{
    /// <summary>Canonical company fields that are members of <see cref="Company"/> rather than custom fields.</summary>
    public static IReadOnlySet<string> CompanyMembers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        CanonicalFields.CompanyName, CanonicalFields.CompanyWebsite, CanonicalFields.CompanyInn,
        CanonicalFields.CompanyIndustry, CanonicalFields.CompanyPhone,
    };

    /// <summary>Canonical contact fields that are members of <see cref="Contact"/> rather than custom fields.</summary>
    public static IReadOnlySet<string> ContactMembers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        CanonicalFields.ContactEmail, CanonicalFields.ContactPhone, CanonicalFields.ContactPosition, CanonicalFields.ContactRole,
    };

    private readonly IReadOnlyDictionary<string, string> _fieldMap;

    /// <param name="fieldMap">The connection's <see cref="ConnectionOptions.FieldMap"/>.</param>
    /// <param name="defaultMarkerField">The CRM field holding CrmBridge's idempotency marker when the map names none.</param>
    public FieldMapPartition(IReadOnlyDictionary<string, string> fieldMap, string defaultMarkerField)
    {
        ArgumentNullException.ThrowIfNull(fieldMap);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultMarkerField);
        _fieldMap = fieldMap;
        var deal = Select("deal.", exclude: null);
        deal.TryAdd(CanonicalFields.DealMarker, defaultMarkerField);
        Deal = deal;
        Company = Select("company.", exclude: null);
        Contact = Select("contact.", exclude: null);
        CompanyCustom = Select("company.", CompanyMembers);
        ContactCustom = Select("contact.", ContactMembers);
    }

    /// <summary>Every mapped deal field, the marker included.</summary>
    public IReadOnlyDictionary<string, string> Deal { get; }

    /// <summary>Every mapped company field, members such as the website included.</summary>
    public IReadOnlyDictionary<string, string> Company { get; }

    /// <summary>Every mapped contact field, members such as the email included.</summary>
    public IReadOnlyDictionary<string, string> Contact { get; }

    /// <summary>The mapped company fields that land in <see cref="Model.Company.Fields"/>.</summary>
    public IReadOnlyDictionary<string, string> CompanyCustom { get; }

    /// <summary>The mapped contact fields that land in <see cref="Model.Contact.Fields"/>.</summary>
    public IReadOnlyDictionary<string, string> ContactCustom { get; }

    /// <summary>The CRM field of the deal marker (<see cref="CanonicalFields.DealMarker"/>).</summary>
    public string MarkerField => Deal[CanonicalFields.DealMarker];

    /// <summary>The CRM field a canonical field maps to, or null when the map names none.</summary>
    public string? Find(string canonical) =>
        _fieldMap.FirstOrDefault(e => string.Equals(e.Key, canonical, StringComparison.OrdinalIgnoreCase)).Value is { } value
            && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    private Dictionary<string, string> Select(string prefix, IReadOnlySet<string>? exclude) =>
        _fieldMap
            .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(e.Value)
                && (exclude is null || !exclude.Contains(e.Key)))
            .ToDictionary(e => e.Key.ToLowerInvariant(), e => e.Value.Trim(), StringComparer.OrdinalIgnoreCase);
}
