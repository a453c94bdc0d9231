namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmNoteParams
{
    public required string Text { get; init; }
}
