namespace CrmBridge.Core.Model;

/// <summary>Canonical field names that rules and field maps speak.</summary>
public static class CanonicalFields
{
    public const string CompanyName = "company.name";
    public const string CompanyWebsite = "company.website";
    public const string CompanyInn = "company.inn";
    public const string CompanyIndustry = "company.industry";
    public const string CompanyPhone = "company.phone";
    public const string ContactEmail = "contact.email";
    public const string ContactPhone = "contact.phone";
    public const string ContactPosition = "contact.position";
    public const string ContactRole = "contact.role";
    public const string DealSource = "deal.source";

    /// <summary>The field that holds CrmBridge's idempotency marker on records it creates.</summary>
    public const string DealMarker = "deal.crmbridge_marker";
}
