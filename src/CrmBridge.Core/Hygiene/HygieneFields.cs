using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene;

/// <summary>
/// Field names rules accept besides the custom fields: the deal's own members (<c>deal.*</c>) and the company and contact
/// members of <see cref="CanonicalFields"/>. Any other <c>deal.</c>, <c>company.</c> or <c>contact.</c> name is a custom field.
/// </summary>
public static class HygieneFields
{
    public const string DealName = "deal.name";
    public const string DealAmount = "deal.amount";
    public const string DealCurrency = "deal.currency";
    public const string DealOwner = "deal.owner";
    public const string DealCompany = "deal.company";
    public const string DealContacts = "deal.contacts";
    public const string DealLostReason = "deal.lost_reason";
    public const string DealNextActivity = "deal.next_activity";
    public const string DealLastActivity = "deal.last_activity";
    public const string DealClosedAt = "deal.closed_at";
    public const string ContactName = "contact.name";

    public static IReadOnlyList<string> Prefixes { get; } = ["deal.", "company.", "contact."];

    /// <summary>True when <paramref name="name"/> starts with a known entity prefix and has a name after it.</summary>
    public static bool IsWellFormed(string? name) =>
        name is not null && Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase) && name.Length > p.Length && !name.Any(char.IsWhiteSpace));
}
