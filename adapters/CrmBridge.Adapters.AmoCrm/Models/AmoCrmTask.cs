namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmTask
{
    public long Id { get; init; }

    public string? Text { get; init; }

    public long? CompleteTill { get; init; }

    public long? EntityId { get; init; }

    public long? ResponsibleUserId { get; init; }

    public bool IsCompleted { get; init; }
}
