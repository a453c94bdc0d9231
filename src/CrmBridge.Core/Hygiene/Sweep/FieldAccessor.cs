using System.Globalization;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>Reads one field, by canonical name, from a deal, its company or a contact; compiled once per sweep.</summary>
internal sealed class FieldAccessor
{
    private readonly Func<Deal, bool>? _dealHas;
    private readonly Func<Deal, string?>? _deal;
    private readonly Func<Company, string?>? _company;
    private readonly Func<Contact, string?>? _contact;

    private FieldAccessor(string name, FieldEntity entity, Func<Deal, bool>? dealHas, Func<Deal, string?>? deal, Func<Company, string?>? company, Func<Contact, string?>? contact)
    {
        Name = name;
        (PresenceMembers, ValueMembers) = name switch
        {
            HygieneFields.DealAmount => (HygieneDealMembers.None, HygieneDealMembers.Amount),
            HygieneFields.DealCurrency => (HygieneDealMembers.Currency, HygieneDealMembers.Currency),
            HygieneFields.DealNextActivity or HygieneFields.DealLastActivity => (HygieneDealMembers.ActivityTimes, HygieneDealMembers.ActivityTimes),
            HygieneFields.DealClosedAt => (HygieneDealMembers.ClosedAt, HygieneDealMembers.ClosedAt),
            _ => (HygieneDealMembers.None, HygieneDealMembers.None),
        };
        Entity = entity;
        _dealHas = dealHas;
        _deal = deal;
        _company = company;
        _contact = contact;
    }

    public string Name { get; }

    public FieldEntity Entity { get; }

    /// <summary>The optional deal members <see cref="HasValue"/> reads.</summary>
    public HygieneDealMembers PresenceMembers { get; }

    /// <summary>The optional deal members <see cref="Read(Deal)"/> reads.</summary>
    public HygieneDealMembers ValueMembers { get; }

    public string Subject => Entity switch
    {
        FieldEntity.Company => HygieneSubjects.Company,
        FieldEntity.Contact => HygieneSubjects.Contact,
        _ => HygieneSubjects.Deal,
    };

    public static FieldAccessor Create(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        return key switch
        {
            HygieneFields.DealName => Deal(key, d => !string.IsNullOrWhiteSpace(d.Name), d => d.Name),
            HygieneFields.DealAmount => Deal(key, d => d.Amount is not null, d => d.Amount?.ToString(CultureInfo.InvariantCulture)),
            HygieneFields.DealCurrency => Deal(key, d => !string.IsNullOrWhiteSpace(d.Currency), d => d.Currency),
            HygieneFields.DealOwner => Deal(key, d => !string.IsNullOrWhiteSpace(d.OwnerId), d => d.OwnerId),
            HygieneFields.DealCompany => Deal(key, d => !string.IsNullOrWhiteSpace(d.CompanyId), d => d.CompanyId),
            HygieneFields.DealContacts => Deal(key, d => d.ContactIds.Count > 0, d => d.ContactIds.Count > 0 ? string.Join(",", d.ContactIds) : null),
            HygieneFields.DealLostReason => Deal(key, d => !string.IsNullOrWhiteSpace(d.LostReason), d => d.LostReason),
            HygieneFields.DealNextActivity => Deal(key, d => d.NextActivityAt is not null, d => d.NextActivityAt?.ToString("O", CultureInfo.InvariantCulture)),
            HygieneFields.DealLastActivity => Deal(key, d => d.LastActivityAt is not null, d => d.LastActivityAt?.ToString("O", CultureInfo.InvariantCulture)),
            HygieneFields.DealClosedAt => Deal(key, d => d.ClosedAt is not null, d => d.ClosedAt?.ToString("O", CultureInfo.InvariantCulture)),
            CanonicalFields.CompanyName => new(key, FieldEntity.Company, null, null, c => c.Name, null),
            CanonicalFields.CompanyWebsite => new(key, FieldEntity.Company, null, null, c => c.Website, null),
            CanonicalFields.CompanyInn => new(key, FieldEntity.Company, null, null, c => c.Inn, null),
            CanonicalFields.CompanyIndustry => new(key, FieldEntity.Company, null, null, c => c.Industry, null),
            CanonicalFields.CompanyPhone => new(key, FieldEntity.Company, null, null, c => c.Phone, null),
            HygieneFields.ContactName => new(key, FieldEntity.Contact, null, null, null, c => c.FullName),
            CanonicalFields.ContactEmail => new(key, FieldEntity.Contact, null, null, null, c => c.Email),
            CanonicalFields.ContactPhone => new(key, FieldEntity.Contact, null, null, null, c => c.Phone),
            CanonicalFields.ContactPosition => new(key, FieldEntity.Contact, null, null, null, c => c.Position),
            CanonicalFields.ContactRole => new(key, FieldEntity.Contact, null, null, null, c => c.Role == ContactRole.Unknown ? null : c.Role.ToString()),
            _ when key.StartsWith("company.", StringComparison.Ordinal) => new(key, FieldEntity.Company, null, null, c => Custom(c.Fields, key), null),
            _ when key.StartsWith("contact.", StringComparison.Ordinal) => new(key, FieldEntity.Contact, null, null, null, c => Custom(c.Fields, key)),
            _ => Deal(key, d => !string.IsNullOrWhiteSpace(Custom(d.Fields, key)), d => Custom(d.Fields, key)),
        };
    }

    public bool HasValue(Deal deal) => _dealHas!(deal);

    public string? Read(Deal deal) => _deal!(deal);

    public string? Read(Company company) => _company!(company);

    public string? Read(Contact contact) => _contact!(contact);

    private static FieldAccessor Deal(string name, Func<Deal, bool> has, Func<Deal, string?> read) => new(name, FieldEntity.Deal, has, read, null, null);

    private static string? Custom(IReadOnlyDictionary<string, string?> fields, string key) =>
        fields.Count > 0 && fields.TryGetValue(key, out var value) ? value : null;
}
