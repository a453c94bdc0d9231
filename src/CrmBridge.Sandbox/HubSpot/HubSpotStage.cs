namespace CrmBridge.Sandbox.HubSpot;

internal sealed record HubSpotStage(string Id, string Label, int DisplayOrder, bool IsClosed, decimal Probability);
