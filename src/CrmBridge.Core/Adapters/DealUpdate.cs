namespace CrmBridge.Core.Adapters;

/// <summary>A change to a deal; null members are left as they are.</summary>
public sealed record DealUpdate
{
    public required string DealId { get; init; }

    public string? Name { get; init; }

    /// <summary>The new stage; <see cref="PipelineId"/> is needed too when the stage is in another pipeline.</summary>
    public string? StageId { get; init; }

    public string? PipelineId { get; init; }

    /// <summary>Custom fields by canonical name; a null value clears the field.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
}
