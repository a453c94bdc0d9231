using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>How deals are grouped into cohorts: by creation month, or by the value of a canonical deal or company field.</summary>
public sealed record FunnelCohort(FunnelCohortKind Kind, string Field)
{
    /// <summary>The cohort of deals without a value for the field.</summary>
    public const string NoValue = "(none)";

    public static FunnelCohort Month { get; } = new(FunnelCohortKind.Month, "month");

    /// <summary>Parses <c>month</c>, <c>deal.NAME</c> or <c>company.NAME</c> (for example <c>company.industry</c>).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FunnelCohort? cohort, [NotNullWhen(false)] out string? error)
    {
        cohort = null;
        error = null;
        var value = text?.Trim() ?? "";
        if (value.Equals("month", StringComparison.OrdinalIgnoreCase))
        {
            cohort = Month;
            return true;
        }

        if (value.StartsWith("deal.", StringComparison.OrdinalIgnoreCase) && value.Length > "deal.".Length)
        {
            cohort = new FunnelCohort(FunnelCohortKind.DealField, value);
            return true;
        }

        if (value.StartsWith("company.", StringComparison.OrdinalIgnoreCase) && value.Length > "company.".Length)
        {
            cohort = new FunnelCohort(FunnelCohortKind.CompanyField, value);
            return true;
        }

        error = $"'{text}' is not a cohort; use month, a deal field such as deal.sprint, or a company field such as {CanonicalFields.CompanyIndustry}.";
        return false;
    }

    /// <summary>The deal's cohort; <paramref name="company"/> is needed only for company fields.</summary>
    public string KeyOf(Deal deal, Company? company)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var value = Kind switch
        {
            FunnelCohortKind.Month => deal.CreatedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            FunnelCohortKind.DealField => Lookup(deal.Fields, Field),
            _ => company is null ? null : CompanyValue(company, Field),
        };
        return string.IsNullOrWhiteSpace(value) ? NoValue : value.Trim();
    }

    public override string ToString() => Field;

    private static string? CompanyValue(Company company, string field)
    {
        bool Is(string name) => field.Equals(name, StringComparison.OrdinalIgnoreCase);
        return Is(CanonicalFields.CompanyName) ? company.Name
            : Is(CanonicalFields.CompanyWebsite) ? company.Website
            : Is(CanonicalFields.CompanyInn) ? company.Inn
            : Is(CanonicalFields.CompanyIndustry) ? company.Industry
            : Is(CanonicalFields.CompanyPhone) ? company.Phone
            : Lookup(company.Fields, field);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string?> fields, string name)
    {
        if (fields.TryGetValue(name, out var value))
        {
            return value;
        }

        return fields.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
