namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmLinkedEntity
{
    public long Id { get; init; }

    public bool? IsMain { get; init; }
}
