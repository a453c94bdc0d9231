using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.HubSpot.Mapping;

/// <summary>A mapped deal, or why the record could not be mapped.</summary>
internal sealed record HubSpotDealMapResult(Deal? Deal, string? SkipReason);
