namespace CrmBridge.Sandbox.HubSpot;

internal sealed record HubSpotPipeline(string Id, string Label, int DisplayOrder, IReadOnlyList<HubSpotStage> Stages);
