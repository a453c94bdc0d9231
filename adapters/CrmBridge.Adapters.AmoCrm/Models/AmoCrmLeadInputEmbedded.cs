namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmLeadInputEmbedded
{
    public List<AmoCrmLinkedEntity>? Companies { get; init; }

    public List<AmoCrmLinkedEntity>? Contacts { get; init; }
}
