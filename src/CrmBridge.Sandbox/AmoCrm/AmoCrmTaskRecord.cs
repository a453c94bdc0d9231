namespace CrmBridge.Sandbox.AmoCrm;

internal sealed class AmoCrmTaskRecord
{
    public required long Id { get; init; }

    public required long LeadId { get; init; }

    public required string Text { get; init; }

    public required long CompleteTill { get; init; }

    public long ResponsibleUserId { get; init; }

    public int TaskTypeId { get; init; } = 1;

    public bool IsCompleted { get; set; }

    public required long CreatedAt { get; init; }
}
