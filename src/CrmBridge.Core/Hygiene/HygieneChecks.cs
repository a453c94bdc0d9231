namespace CrmBridge.Core.Hygiene;

/// <summary>What exactly a finding says is wrong; a rule has one or more checks.</summary>
public static class HygieneChecks
{
    public const string Missing = "missing";
    public const string OffConvention = "off-convention";
    public const string NoCompany = "no-company";
    public const string NoWebsite = "no-website";
    public const string Invalid = "invalid";

    /// <summary>A phone number written without its country code; fixable to E.164 when unambiguous.</summary>
    public const string NationalFormat = "national-format";

    /// <summary>A valid value with stray spaces or separators around or inside it; fixable.</summary>
    public const string Untidy = "untidy";

    public const string NotAllowed = "not-allowed";
    public const string NotANumber = "not-a-number";
    public const string NotADate = "not-a-date";

    /// <summary>A date in a non-ISO but unambiguous format (<c>dd.MM.yyyy</c>); fixable to <c>yyyy-MM-dd</c>.</summary>
    public const string NotIsoDate = "not-iso-date";

    public const string Oversized = "oversized";
    public const string Duplicate = "duplicate";
    public const string SeveralOpen = "several-open";
}
