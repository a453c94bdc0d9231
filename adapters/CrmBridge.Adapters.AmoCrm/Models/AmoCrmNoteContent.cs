namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>The <c>params</c> of a note as lists return them; only common notes are sure to carry a text.</summary>
internal sealed class AmoCrmNoteContent
{
    public string? Text { get; init; }
}
