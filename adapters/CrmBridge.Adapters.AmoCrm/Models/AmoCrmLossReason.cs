namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmLossReason
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int Sort { get; init; }
}
