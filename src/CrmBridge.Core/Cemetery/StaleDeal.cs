namespace CrmBridge.Core.Cemetery;

/// <summary>An open deal the scan found stale.</summary>
/// <param name="LastTouchedAt">The later of its last activity and its entry into the current stage.</param>
/// <param name="IdleDays">Days since <see cref="LastTouchedAt"/>, counted as configured (calendar or business days).</param>
/// <param name="Url">Link to the deal in the CRM, when the connection has a DealUrlTemplate.</param>
public sealed record StaleDeal(
    string Connection,
    string DealId,
    string Name,
    string PipelineId,
    string PipelineName,
    PipelineRole Role,
    string StageId,
    string StageName,
    string? OwnerId,
    string? OwnerName,
    string? OwnerEmail,
    decimal? Amount,
    string? Currency,
    DateTimeOffset LastTouchedAt,
    double IdleDays,
    int ThresholdDays,
    StaleReasons Reasons,
    DateTimeOffset? NextActivityAt,
    string? Url)
{
    /// <summary>Whole idle days, for people.</summary>
    public int WholeIdleDays => (int)Math.Floor(IdleDays);

    /// <summary>How many thresholds the deal has been idle for (0 when only the next activity is missing): rising means worse.</summary>
    public int Level => Reasons.HasFlag(StaleReasons.NoActivity) && ThresholdDays > 0 ? Math.Max(1, (int)Math.Floor(IdleDays / ThresholdDays)) : 0;
}
