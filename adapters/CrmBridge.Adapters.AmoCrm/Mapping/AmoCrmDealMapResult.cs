using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>A mapped deal, or why the lead could not be mapped.</summary>
internal sealed record AmoCrmDealMapResult(Deal? Deal, string? SkipReason);
