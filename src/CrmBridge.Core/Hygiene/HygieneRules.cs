namespace CrmBridge.Core.Hygiene;

/// <summary>The ids of the hygiene rules, as used in <see cref="HygieneRuleSetOptions.Rules"/> and on findings.</summary>
public static class HygieneRules
{
    /// <summary>Fields required on every deal, by stage exit criteria, and on lost deals.</summary>
    public const string RequiredFields = "required-fields";

    /// <summary>The deal naming convention; also reports deals without a company or a company without a website.</summary>
    public const string Naming = "naming";

    public const string WebsiteFormat = "website-format";

    public const string EmailFormat = "email-format";

    /// <summary>Phone numbers: possible (or valid) for their country, and written with the country code (E.164 when normalised).</summary>
    public const string PhoneFormat = "phone-format";

    /// <summary>Russian INN: 10 or 12 digits with valid check digits.</summary>
    public const string InnFormat = "inn-format";

    public const string AllowedValues = "allowed-values";

    /// <summary>Numbers, dates and other configured field formats, and values too long to be real.</summary>
    public const string FieldFormats = "field-formats";

    /// <summary>The same deal name within a pipeline on deals of different companies.</summary>
    public const string DuplicateNames = "duplicate-names";

    /// <summary>Several open deals of one company in one pipeline (reported, never merged). Off by default: the sales method allows several deals per company.</summary>
    public const string OpenDealsPerCompany = "open-deals-per-company";

    /// <summary>The per-connection report of custom field fill rates and shapes; it produces no per-deal findings.</summary>
    public const string FieldHealth = "field-health";

    public static IReadOnlyList<string> All { get; } =
    [
        RequiredFields, Naming, WebsiteFormat, EmailFormat, PhoneFormat, InnFormat, AllowedValues, FieldFormats,
        DuplicateNames, OpenDealsPerCompany, FieldHealth,
    ];

    /// <summary>Whether a rule is on when no configuration layer says otherwise.</summary>
    public static bool IsOnByDefault(string rule) => !string.Equals(rule, OpenDealsPerCompany, StringComparison.OrdinalIgnoreCase);
}
