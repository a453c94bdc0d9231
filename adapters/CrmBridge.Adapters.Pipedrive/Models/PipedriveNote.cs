namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A note from v1 <c>POST /v1/notes</c>; v1 times read "YYYY-MM-DD HH:MM:SS" in UTC.</summary>
internal sealed class PipedriveNote
{
    public long Id { get; init; }

    public string? Content { get; init; }

    public long? DealId { get; init; }

    public string? AddTime { get; init; }
}
