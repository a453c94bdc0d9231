namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>What the events API says about a lead: its newest status change and its newest activity.</summary>
internal sealed record AmoCrmLeadActivity(DateTimeOffset? StageChangedAt, DateTimeOffset? LastActivityAt)
{
    public static readonly AmoCrmLeadActivity None = new(null, null);
}
