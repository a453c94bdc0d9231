namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>One entry of the events feed. <see cref="Sequence"/> orders events that share a second.</summary>
internal sealed record AmoCrmEventRecord(
    long Sequence,
    string Type,
    long LeadId,
    long CreatedAt,
    long CreatedBy,
    (long StatusId, long PipelineId)? StatusBefore,
    (long StatusId, long PipelineId)? StatusAfter)
{
    public string Id => $"01sandbox{Sequence:x16}";
}
