using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A lead (deal) as API v4 returns it. Times are Unix seconds.</summary>
internal sealed class AmoCrmLead
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public long? Price { get; init; }

    public long? ResponsibleUserId { get; init; }

    public long? StatusId { get; init; }

    public long? PipelineId { get; init; }

    public long? LossReasonId { get; init; }

    public long? CreatedAt { get; init; }

    public long? UpdatedAt { get; init; }

    public long? ClosedAt { get; init; }

    public long? ClosestTaskAt { get; init; }

    public bool IsDeleted { get; init; }

    public List<AmoCrmFieldValue>? CustomFieldsValues { get; init; }

    [JsonPropertyName("_embedded")]
    public AmoCrmEntityEmbedded? Embedded { get; init; }
}
