namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>The outcome of a phone number check.</summary>
public enum PhoneVerdictKind
{
    /// <summary>Written with its country code and possible (or valid) for that country.</summary>
    Ok,

    /// <summary>A possible number, but written without the country code (e.g. <c>8 (912) 345-67-89</c>).</summary>
    NationalFormat,

    /// <summary>Not a phone number of any country.</summary>
    Invalid,
}
