namespace CrmBridge.Core.Hygiene;

/// <summary>
/// One layer of hygiene rules. The global section, each connection and each pipeline have one; a member left null
/// inherits from the layer above (pipeline, then connection, then global, then the sales-method defaults).
/// </summary>
public class HygieneRuleSetOptions
{
    /// <summary>Turns rules on or off by id (see <see cref="HygieneRules"/>), e.g. <c>"naming": false</c>.</summary>
    /// <value>Defaults to every rule on except <c>open-deals-per-company</c>.</value>
    public Dictionary<string, bool> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields every deal must have filled, as canonical names (<c>deal.amount</c>, <c>company.inn</c>, <c>contact.email</c>).</summary>
    /// <value>Defaults to <c>deal.amount</c> and <c>deal.owner</c>.</value>
    public List<string>? RequiredFields { get; set; }

    /// <summary>
    /// Exit criteria by stage (id or name): the fields a deal must have filled before it leaves that stage. A deal must
    /// satisfy the criteria of every stage before its own, by stage order; a won deal those of every open stage.
    /// </summary>
    /// <value>Defaults to <c>"Test started": ["company.inn"]</c>: the INN is needed before "Offer sent".</value>
    public Dictionary<string, List<string>>? StageExitCriteria { get; set; }

    /// <summary>Fields a lost deal must have filled.</summary>
    /// <value>Defaults to <c>deal.lost_reason</c>.</value>
    public List<string>? RequiredWhenLost { get; set; }

    /// <summary>The deal naming convention; <c>{company website}</c> and <c>{company name}</c> are replaced.</summary>
    /// <value>Defaults to <c>{company website} - {company name}</c>.</value>
    public string? NamingTemplate { get; set; }

    /// <summary>The region phone numbers without a country code are read in (ISO 3166 code).</summary>
    /// <value>Defaults to <c>RU</c>.</value>
    public string? PhoneRegion { get; set; }

    /// <summary><c>Possible</c> (length fits the country's plan) or <c>Valid</c> (also an assigned number range).</summary>
    /// <value>Defaults to <c>Possible</c>.</value>
    public string? PhoneValidation { get; set; }

    /// <summary>Allowed values of list fields, by canonical name; compared ignoring case and surrounding spaces.</summary>
    /// <value>Defaults to the loss reasons of the sales method for <c>deal.lost_reason</c>.</value>
    public Dictionary<string, List<string>>? AllowedValues { get; set; }

    /// <summary>Formats of further fields, by canonical name: <c>Number</c>, <c>Date</c>, <c>Email</c>, <c>Phone</c>, <c>Website</c> or <c>Inn</c>.</summary>
    /// <value>Defaults to none beyond the built-in company and contact fields.</value>
    public Dictionary<string, string>? FieldFormats { get; set; }
}
