using System.Text.RegularExpressions;
using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

/// <summary>
/// The rules that define each <see cref="DirtKind"/>. <see cref="Find"/> evaluates them over a dataset; the generator
/// records what it seeded independently, so the two can be compared both ways.
/// </summary>
/// <remarks>
/// Company and contact dirt is reported per deal that links the company or contact; a dirty company without deals
/// is not reported. The naming rule applies only to deals with a company.
/// </remarks>
public static partial class DirtRules
{
    /// <summary>An open deal with no activity and no stage change for longer than this is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(30);

    /// <summary>Stages at which the company must have an INN: Offer sent and later, won included.</summary>
    public static IReadOnlySet<string> InnRequiredStageKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SandboxStageKeys.OfferSent,
        SandboxStageKeys.Committed,
        SandboxStageKeys.Signed,
        SandboxStageKeys.Won,
    };

    /// <summary>The naming convention: <c>{company website} - {company name}</c>.</summary>
    public static string ExpectedDealName(SandboxCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return $"{company.Website} - {company.Name}";
    }

    /// <summary>A domain (IDN allowed) with an optional http(s) scheme and path: <c>orion-tech.ru</c>, <c>https://орион.рф/</c>.</summary>
    public static bool IsWellFormedWebsite(string? website) => website is not null && WebsitePattern().IsMatch(website);

    /// <summary>ASCII local part, <c>@</c>, a domain with a letter TLD.</summary>
    public static bool IsWellFormedEmail(string? email) => email is not null && EmailPattern().IsMatch(email);

    /// <summary>International format: <c>+</c> and 11 to 15 digits once spaces, hyphens and parentheses are removed.</summary>
    public static bool IsWellFormedPhone(string? phone) =>
        phone is not null && PhonePattern().IsMatch(PhoneSeparators().Replace(phone, ""));

    /// <summary>The latest of stage change and last activity.</summary>
    public static DateTimeOffset LastTouchedAt(SandboxDeal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return deal.LastActivityAt is { } activity && activity > deal.StageEnteredAt ? activity : deal.StageEnteredAt;
    }

    public static bool IsStale(SandboxDeal deal, DateTimeOffset now) =>
        deal.Status == DealStatus.Open && now - LastTouchedAt(deal) > StaleAfter;

    public static bool HasNoNextActivity(SandboxDeal deal) =>
        deal.Status == DealStatus.Open && deal.NextActivityAt is null;

    /// <summary>Evaluates every rule over the dataset, in deal order and then <see cref="DirtKind"/> order.</summary>
    public static IReadOnlyList<SandboxDirt> Find(SandboxDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var found = new List<SandboxDirt>();
        foreach (var deal in dataset.Deals)
        {
            var company = deal.CompanyKey is null ? null : dataset.GetCompany(deal.CompanyKey);
            var contacts = deal.ContactKeys.Select(dataset.GetContact).ToList();
            void Add(DirtKind kind, string entity, string detail) => found.Add(new SandboxDirt(deal.Key, kind, entity, detail));

            if (deal.Status == DealStatus.Won)
            {
                Add(DirtKind.WonDeal, deal.Key, "won");
            }

            if (deal.Status == DealStatus.Lost)
            {
                Add(DirtKind.LostDeal, deal.Key, "lost");
            }

            if (company is null)
            {
                Add(DirtKind.MissingCompany, deal.Key, "no company");
            }

            if (deal.Amount is null)
            {
                Add(DirtKind.MissingAmount, deal.Key, "no amount");
            }

            if (company is not null)
            {
                if (deal.Name != ExpectedDealName(company))
                {
                    Add(DirtKind.OffNamingConvention, deal.Key, deal.Name);
                }

                if (InnRequiredStageKeys.Contains(deal.StageKey) && string.IsNullOrWhiteSpace(company.Inn))
                {
                    Add(DirtKind.MissingInn, company.Key, deal.StageKey);
                }

                if (!string.IsNullOrWhiteSpace(company.Inn) && !InnChecksum.IsValid(company.Inn))
                {
                    Add(DirtKind.InvalidInn, company.Key, company.Inn);
                }

                if (!IsWellFormedWebsite(company.Website))
                {
                    Add(DirtKind.MalformedWebsite, company.Key, company.Website ?? "");
                }

                if (company.Phone is not null && !IsWellFormedPhone(company.Phone))
                {
                    Add(DirtKind.MalformedPhone, company.Key, company.Phone);
                }
            }

            foreach (var contact in contacts.Where(c => c.Phone is not null && !IsWellFormedPhone(c.Phone)))
            {
                Add(DirtKind.MalformedPhone, contact.Key, contact.Phone!);
            }

            foreach (var contact in contacts.Where(c => c.Email is not null && !IsWellFormedEmail(c.Email)))
            {
                Add(DirtKind.MalformedEmail, contact.Key, contact.Email!);
            }

            if (IsStale(deal, dataset.Now))
            {
                Add(DirtKind.StaleNoActivity, deal.Key, IdleDetail(deal, dataset.Now));
            }

            if (HasNoNextActivity(deal))
            {
                Add(DirtKind.NoNextActivity, deal.Key, "no next activity");
            }

            if (deal.Status == DealStatus.Lost && string.IsNullOrWhiteSpace(deal.LostReason))
            {
                Add(DirtKind.LostWithoutReason, deal.Key, "no loss reason");
            }
        }

        return found;
    }

    internal static string IdleDetail(SandboxDeal deal, DateTimeOffset now) =>
        $"idle {(int)(now - LastTouchedAt(deal)).TotalDays} days";

    [GeneratedRegex(@"^(https?://)?([\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(/\S*)?$")]
    private static partial Regex WebsitePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+\d{11,15}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex PhoneSeparators();
}
