namespace CrmBridge.Core.Adapters;

/// <summary>A note to add to a deal.</summary>
public sealed record NewNote(string DealId, string Body);
