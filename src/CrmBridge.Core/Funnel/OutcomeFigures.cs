namespace CrmBridge.Core.Funnel;

/// <summary>How deals ended.</summary>
/// <param name="WinRate">Won / (won + lost), 0 to 1; null when none closed.</param>
/// <param name="AverageDealSize">Average amount of won deals, per currency.</param>
/// <param name="SalesCycle">Creation to close of won deals.</param>
public sealed record OutcomeFigures(
    long Deals,
    long Open,
    long Won,
    long Lost,
    double? WinRate,
    IReadOnlyList<MoneyFigure> AverageDealSize,
    DurationFigures? SalesCycle);
