namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmAccount
{
    public long Id { get; init; }

    public string? Subdomain { get; init; }

    public string? Currency { get; init; }
}
