namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmCustomField
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? Code { get; init; }

    public string? Type { get; init; }

    public int Sort { get; init; }

    public List<AmoCrmEnum>? Enums { get; init; }
}
