using System.Text.Json.Nodes;

namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The body of <c>POST /api/v2/deals</c> and <c>PATCH /api/v2/deals/{id}</c>; null members are left out.</summary>
internal sealed class PipedriveDealInput
{
    public string? Title { get; init; }

    public long? OwnerId { get; init; }

    public long? PersonId { get; init; }

    public long? OrgId { get; init; }

    public long? PipelineId { get; init; }

    public long? StageId { get; init; }

    public decimal? Value { get; init; }

    public string? Currency { get; init; }

    /// <summary>Values by field key; a null value clears the field.</summary>
    public Dictionary<string, JsonNode?>? CustomFields { get; init; }
}
