namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmNote
{
    public long Id { get; init; }

    public long? EntityId { get; init; }

    public long? CreatedAt { get; init; }
}
