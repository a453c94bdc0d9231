using CrmBridge.Core.Hygiene.Checks;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// Counts, per field, how many distinct records fill it and in which shapes. Deal custom fields count over deals;
/// company and contact fields over the distinct companies and contacts the swept deals link.
/// </summary>
internal sealed class FieldHealthAccumulator
{
    private const int ExampleLength = 40;

    private static readonly string[] CompanyMembers = [CanonicalFields.CompanyWebsite, CanonicalFields.CompanyInn, CanonicalFields.CompanyIndustry, CanonicalFields.CompanyPhone];
    private static readonly string[] ContactMembers = [CanonicalFields.ContactEmail, CanonicalFields.ContactPhone, CanonicalFields.ContactPosition];

    private readonly HygieneFieldHealthOptions _options;
    private readonly Dictionary<string, FieldStats> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _companies = [];
    private readonly HashSet<ulong> _contacts = [];
    private long _deals;

    public FieldHealthAccumulator(HygieneFieldHealthOptions options, IEnumerable<string> mappedFields)
    {
        _options = options;
        foreach (var field in mappedFields.Where(f => !string.Equals(f, CanonicalFields.DealMarker, StringComparison.OrdinalIgnoreCase)))
        {
            Stats(field.ToLowerInvariant());
        }

        foreach (var field in CompanyMembers.Concat(ContactMembers))
        {
            Stats(field);
        }
    }

    public void ObserveDeal(Deal deal)
    {
        _deals++;
        if (deal.Fields.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in Fields.Enumerate(deal.Fields))
        {
            if (!string.Equals(key, CanonicalFields.DealMarker, StringComparison.Ordinal))
            {
                Stats(key).Observe(value);
            }
        }
    }

    public void ObserveCompany(Company company)
    {
        if (!_companies.Add(Fnv.Hash(company.ExternalId)))
        {
            return;
        }

        Stats(CanonicalFields.CompanyWebsite).Observe(company.Website);
        Stats(CanonicalFields.CompanyInn).Observe(company.Inn);
        Stats(CanonicalFields.CompanyIndustry).Observe(company.Industry);
        Stats(CanonicalFields.CompanyPhone).Observe(company.Phone);
        if (company.Fields.Count > 0)
        {
            foreach (var (key, value) in Fields.Enumerate(company.Fields))
            {
                Stats(key).Observe(value);
            }
        }
    }

    public void ObserveContact(Contact contact)
    {
        if (!_contacts.Add(Fnv.Hash(contact.ExternalId)))
        {
            return;
        }

        Stats(CanonicalFields.ContactEmail).Observe(contact.Email);
        Stats(CanonicalFields.ContactPhone).Observe(contact.Phone);
        Stats(CanonicalFields.ContactPosition).Observe(contact.Position);
        if (contact.Fields.Count > 0)
        {
            foreach (var (key, value) in Fields.Enumerate(contact.Fields))
            {
                Stats(key).Observe(value);
            }
        }
    }

    public IReadOnlyList<HygieneFieldHealth> Build()
    {
        var result = new List<HygieneFieldHealth>(_fields.Count);
        foreach (var (field, stats) in _fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var records = field.StartsWith("company.", StringComparison.Ordinal) ? _companies.Count
                : field.StartsWith("contact.", StringComparison.Ordinal) ? _contacts.Count
                : _deals;
            if (records == 0)
            {
                continue;
            }

            var rate = Math.Round((double)stats.Filled / records, 4);
            var shapes = stats.Shapes
                .OrderByDescending(s => s.Value.Count)
                .ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new HygieneValueShape(s.Key, s.Value.Count, s.Value.Example))
                .ToList();
            var significant = stats.Filled == 0 ? 0 : shapes.Count(s => (double)s.Count / stats.Filled >= _options.MinShapeShare);
            result.Add(new HygieneFieldHealth(field, records, stats.Filled, rate, rate < _options.LongTailBelow, significant >= _options.ZooShapes, shapes));
        }

        return result;
    }

    private FieldStats Stats(string field)
    {
        if (!_fields.TryGetValue(field, out var stats))
        {
            stats = new FieldStats();
            _fields[field] = stats;
        }

        return stats;
    }

    private sealed class FieldStats
    {
        public long Filled { get; private set; }

        public Dictionary<string, Shape> Shapes { get; } = new(StringComparer.Ordinal);

        public void Observe(string? value)
        {
            if (value is null)
            {
                return;
            }

            var shape = ValueShapes.Classify(value);
            if (shape is null)
            {
                return;
            }

            Filled++;
            if (Shapes.TryGetValue(shape, out var known))
            {
                known.Count++;
            }
            else
            {
                Shapes[shape] = new Shape { Count = 1, Example = DealEvaluator.Clip(value.Length > ExampleLength ? value[..ExampleLength] : value) };
            }
        }
    }

    private sealed class Shape
    {
        public long Count { get; set; }

        public string Example { get; set; } = "";
    }
}
