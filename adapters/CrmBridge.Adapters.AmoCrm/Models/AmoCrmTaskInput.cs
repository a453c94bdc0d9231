namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmTaskInput
{
    public required string Text { get; init; }

    public required long CompleteTill { get; init; }

    public required long EntityId { get; init; }

    public string EntityType { get; init; } = "leads";

    public long? ResponsibleUserId { get; init; }

    public int TaskTypeId { get; init; } = 1;
}
