namespace CrmBridge.Core.Model;

/// <summary>One allowed value of a list field: the CRM's id and the label users see.</summary>
public sealed record FieldOption(string Value, string Label);
