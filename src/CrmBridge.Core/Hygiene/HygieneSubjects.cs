namespace CrmBridge.Core.Hygiene;

/// <summary>The records a finding can be about.</summary>
public static class HygieneSubjects
{
    public const string Deal = "deal";
    public const string Company = "company";
    public const string Contact = "contact";
}
