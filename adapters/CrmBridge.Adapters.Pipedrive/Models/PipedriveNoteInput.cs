namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The body of v1 <c>POST /v1/notes</c>; there is no v2 notes endpoint.</summary>
internal sealed class PipedriveNoteInput
{
    /// <summary>HTML.</summary>
    public required string Content { get; init; }

    public required long DealId { get; init; }
}
