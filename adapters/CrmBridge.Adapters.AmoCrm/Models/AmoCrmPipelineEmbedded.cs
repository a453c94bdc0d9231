namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmPipelineEmbedded
{
    public List<AmoCrmStatus>? Statuses { get; init; }
}
