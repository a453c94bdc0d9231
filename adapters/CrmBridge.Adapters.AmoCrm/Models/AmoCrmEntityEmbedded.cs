namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>The linked records a lead or contact carries under <c>_embedded</c>.</summary>
internal sealed class AmoCrmEntityEmbedded
{
    public List<AmoCrmLinkedEntity>? Contacts { get; init; }

    public List<AmoCrmLinkedEntity>? Companies { get; init; }

    public List<AmoCrmLossReason>? LossReason { get; init; }
}
