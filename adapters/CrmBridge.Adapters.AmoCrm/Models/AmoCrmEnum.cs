namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmEnum
{
    public long Id { get; init; }

    public string? Value { get; init; }

    public int Sort { get; init; }
}
