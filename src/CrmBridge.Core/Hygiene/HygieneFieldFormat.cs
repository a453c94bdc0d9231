namespace CrmBridge.Core.Hygiene;

/// <summary>The formats <see cref="HygieneRuleSetOptions.FieldFormats"/> accepts.</summary>
public enum HygieneFieldFormat
{
    Number,
    Date,
    Email,
    Phone,
    Website,
    Inn,
}
