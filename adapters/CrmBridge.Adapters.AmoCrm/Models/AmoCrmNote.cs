namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmNote
{
    public long Id { get; init; }

    public long? EntityId { get; init; }

    public long? CreatedAt { get; init; }

    public string? NoteType { get; init; }

    /// <summary>The note's content; a common note's text is <c>params.text</c>.</summary>
    public AmoCrmNoteContent? Params { get; init; }
}
