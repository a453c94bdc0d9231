namespace CrmBridge.Core.Hygiene;

/// <summary>How much a finding matters.</summary>
public enum HygieneSeverity
{
    /// <summary>Worth tidying; often fixable automatically.</summary>
    Info,

    /// <summary>Makes the pipeline harder to read or analyse.</summary>
    Warning,

    /// <summary>Breaks the sales method (a required field, an invalid tax id).</summary>
    Error,
}
