using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>One row of a funnel: an open stage, or the final Won row.</summary>
/// <param name="StageId">The stage's id; null for a Won row of a pipeline without a Won stage (CRMs that mark won on the deal).</param>
/// <param name="Reached">Deals that passed through the stage (see docs/funnel.md for skips); each deal counts once.</param>
/// <param name="Skipped">Of <paramref name="Reached"/>, deals never observed in the stage: they jumped over it or were first seen later.</param>
/// <param name="InStageNow">Open deals in the stage now.</param>
/// <param name="ConversionToNext">Reached next / reached this, 0 to 1; null for the last row or when nobody reached this stage.</param>
/// <param name="Hint">What <paramref name="ConversionToNext"/> suggests, once enough deals reached the stage.</param>
/// <param name="TimeInStage">Total time per deal in the stage, over deals that left it (or closed in it).</param>
/// <param name="CurrentAge">How long the open deals now in the stage have been there.</param>
public sealed record FunnelStageFigures(
    string? StageId,
    string Name,
    StageOutcome Outcome,
    long Reached,
    long Skipped,
    long InStageNow,
    double? ConversionToNext,
    FunnelHint Hint,
    DurationFigures? TimeInStage,
    DurationFigures? CurrentAge);
