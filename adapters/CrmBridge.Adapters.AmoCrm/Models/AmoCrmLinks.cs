namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmLinks
{
    public AmoCrmHref? Next { get; init; }
}
