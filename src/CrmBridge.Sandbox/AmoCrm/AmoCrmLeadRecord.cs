namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A lead held by the sandbox account. Times are Unix seconds.</summary>
internal sealed class AmoCrmLeadRecord
{
    public required long Id { get; init; }

    public string? DatasetKey { get; init; }

    public required string Name { get; set; }

    public long Price { get; set; }

    public long ResponsibleUserId { get; set; }

    public long PipelineId { get; set; }

    public long StatusId { get; set; }

    public long? LossReasonId { get; set; }

    public required long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public long? ClosedAt { get; set; }

    public bool IsDeleted { get; set; }

    public long? CompanyId { get; set; }

    public List<long> ContactIds { get; } = [];

    /// <summary>Custom field values by field id; several values for multi fields.</summary>
    public Dictionary<long, List<AmoCrmFieldValueRecord>> Fields { get; } = [];
}
