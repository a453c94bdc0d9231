namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmHref
{
    public string? Href { get; init; }
}
