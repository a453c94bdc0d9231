namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The <c>data</c> of <c>GET /api/v2/deals/search</c>.</summary>
internal sealed class PipedriveSearchResult
{
    public List<PipedriveSearchItem>? Items { get; init; }
}
