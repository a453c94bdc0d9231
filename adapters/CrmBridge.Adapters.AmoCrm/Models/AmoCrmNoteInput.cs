namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmNoteInput
{
    public string NoteType { get; init; } = "common";

    public required AmoCrmNoteParams Params { get; init; }
}
