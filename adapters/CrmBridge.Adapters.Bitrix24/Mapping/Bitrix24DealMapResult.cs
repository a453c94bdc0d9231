using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>A mapped deal, or why the item could not be mapped.</summary>
internal sealed record Bitrix24DealMapResult(Deal? Deal, string? SkipReason);
