using CrmBridge.Core.Model;

namespace CrmBridge.Core.Storage;

/// <summary>Which stored deals to read; null members do not filter.</summary>
public sealed record DealQuery(string? Connection = null, string? PipelineId = null, DealStatus? Status = null)
{
    public static DealQuery All { get; } = new();
}
