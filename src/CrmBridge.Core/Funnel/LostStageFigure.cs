namespace CrmBridge.Core.Funnel;

/// <summary>Lost deals by the stage they were lost from.</summary>
/// <param name="StageId">Null when the stage before Lost is unknown (first seen already lost, in a CRM that moves lost deals to a Lost stage).</param>
/// <param name="Share">Of all lost deals, 0 to 1.</param>
public sealed record LostStageFigure(string? StageId, string Name, long Deals, double Share);
