namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>One field a fix changes on a deal: its canonical name, the value now and the value it gets.</summary>
public sealed record HygieneFieldChange(string Field, string? Before, string? After);
