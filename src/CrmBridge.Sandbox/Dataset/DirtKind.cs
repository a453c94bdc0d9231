namespace CrmBridge.Sandbox.Dataset;

/// <summary>What the dataset deliberately seeded on a deal; <see cref="DirtRules"/> defines each kind.</summary>
public enum DirtKind
{
    /// <summary>The deal is won (not dirt: lets checks prove they skip closed deals).</summary>
    WonDeal,

    /// <summary>The deal is lost (not dirt: lets checks prove they skip closed deals).</summary>
    LostDeal,

    /// <summary>No company linked.</summary>
    MissingCompany,

    /// <summary>No amount.</summary>
    MissingAmount,

    /// <summary>Has a company, but the name is not <c>{company website} - {company name}</c>.</summary>
    OffNamingConvention,

    /// <summary>At Offer sent or later (won included) and the company has no INN.</summary>
    MissingInn,

    /// <summary>The company's INN fails the check-digit algorithm.</summary>
    InvalidInn,

    /// <summary>The company's website is not a well-formed domain or URL.</summary>
    MalformedWebsite,

    /// <summary>The company's or a linked contact's phone is malformed (entity key says which).</summary>
    MalformedPhone,

    /// <summary>A linked contact's email is malformed.</summary>
    MalformedEmail,

    /// <summary>Open, with no activity and no stage change for longer than <see cref="DirtRules.StaleAfter"/>.</summary>
    StaleNoActivity,

    /// <summary>Open, with no next activity planned.</summary>
    NoNextActivity,

    /// <summary>Lost without a loss reason.</summary>
    LostWithoutReason,
}
