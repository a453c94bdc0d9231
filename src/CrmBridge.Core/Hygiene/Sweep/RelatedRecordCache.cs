using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// The companies and contacts a sweep has already read, kept across chunks: the deals of one company are spread over
/// the whole id order, so without it every chunk reads the same companies and contacts again. Ids the store does not
/// hold are remembered too. Bounded: past the limit (plus one chunk) it starts over, which costs lookups but never memory.
/// </summary>
internal sealed class RelatedRecordCache(int limit)
{
    private readonly Dictionary<string, Company?> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contact?> _contacts = new(StringComparer.Ordinal);

    public bool TryGetCompany(string id, out Company? company) => _companies.TryGetValue(id, out company);

    public bool TryGetContact(string id, out Contact? contact) => _contacts.TryGetValue(id, out contact);

    /// <summary>Stores what a lookup of <paramref name="requested"/> found; the ids it did not find are cached as missing.</summary>
    public void AddCompanies(IReadOnlyCollection<string> requested, IReadOnlyList<Company> found)
    {
        foreach (var id in requested)
        {
            _companies[id] = null;
        }

        foreach (var company in found)
        {
            _companies[company.ExternalId] = company;
        }
    }

    /// <summary>Stores what a lookup of <paramref name="requested"/> found; the ids it did not find are cached as missing.</summary>
    public void AddContacts(IReadOnlyCollection<string> requested, IReadOnlyList<Contact> found)
    {
        foreach (var id in requested)
        {
            _contacts[id] = null;
        }

        foreach (var contact in found)
        {
            _contacts[contact.ExternalId] = contact;
        }
    }

    /// <summary>Starts over when full; called between chunks, so a chunk never loses what it looked up.</summary>
    public void TrimIfFull()
    {
        if (_companies.Count >= limit)
        {
            _companies.Clear();
        }

        if (_contacts.Count >= limit)
        {
            _contacts.Clear();
        }
    }
}
