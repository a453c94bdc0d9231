namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>Every list amoCRM returns keeps its records under a key of its own; one type holds them all.</summary>
internal sealed class AmoCrmPageEmbedded
{
    public List<AmoCrmLead>? Leads { get; init; }

    public List<AmoCrmCompany>? Companies { get; init; }

    public List<AmoCrmContact>? Contacts { get; init; }

    public List<AmoCrmUser>? Users { get; init; }

    public List<AmoCrmPipeline>? Pipelines { get; init; }

    public List<AmoCrmCustomField>? CustomFields { get; init; }

    public List<AmoCrmLossReason>? LossReasons { get; init; }

    public List<AmoCrmEvent>? Events { get; init; }

    public List<AmoCrmTask>? Tasks { get; init; }

    public List<AmoCrmNote>? Notes { get; init; }
}
