namespace CrmBridge.Core.Funnel;

/// <summary>Lost deals with one loss reason.</summary>
/// <param name="Reason">The configured spelling for a listed reason, the CRM's text for an unlisted one, null when the deal has none.</param>
/// <param name="Listed">Whether the reason is in <c>CrmBridge:Funnel:LossReasons</c>.</param>
/// <param name="Share">Of all lost deals, 0 to 1.</param>
public sealed record LostReasonFigure(string? Reason, bool Listed, long Deals, double Share);
