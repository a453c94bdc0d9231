using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>A mapped deal, or why the record could not be mapped.</summary>
internal sealed record PipedriveDealMapResult(Deal? Deal, string? SkipReason);
