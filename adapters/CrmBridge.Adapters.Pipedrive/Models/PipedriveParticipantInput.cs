namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The body of v1 <c>POST /v1/deals/{id}/participants</c>: a further person on a deal.</summary>
internal sealed class PipedriveParticipantInput
{
    public required long PersonId { get; init; }
}
