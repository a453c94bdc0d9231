using System.Globalization;
using CrmBridge.Core.Funnel;

namespace CrmBridge.Worker.Output;

/// <summary>How funnel figures read in tables and the HTML report.</summary>
internal static class FunnelFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "";

    public static string Money(IReadOnlyList<MoneyFigure> averages) =>
        string.Join(", ", averages.Select(m => $"{m.Average.ToString("N0", CultureInfo.InvariantCulture)} {m.Currency}".TrimEnd()));

    public static string Date(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Hint(FunnelHint hint) => hint switch
    {
        FunnelHint.Merge => "merge with next",
        FunnelHint.Split => "split",
        _ => "",
    };

    public static string Reason(LostReasonFigure reason) => reason.Reason is null ? "(no reason)" : reason.Listed ? reason.Reason : reason.Reason + " (not in the list)";

    public static string Why(ReactivationReason why) => why == ReactivationReason.Reassignable ? "hand to another seller" : "revisit: lost to a competitor";

    /// <summary>"deals created 2026-01-01 to 2026-03-31", or "all deals".</summary>
    public static string Period(FunnelReport report) => (report.From, report.To) switch
    {
        (null, null) => "all deals",
        ({ } from, null) => $"deals created from {Date(from)}",
        (null, { } to) => $"deals created before {Date(to)}",
        ({ } from, { } to) => $"deals created {Date(from)} to {Date(to.AddDays(-1))}",
    };

    public static string Summary(OutcomeFigures o)
    {
        var parts = new List<string>
        {
            $"{Count(o.Deals)} deals: {Count(o.Open)} open, {Count(o.Won)} won, {Count(o.Lost)} lost",
            $"win rate {(o.WinRate is null ? "n/a" : Percent(o.WinRate))}",
        };
        if (o.AverageDealSize.Count > 0)
        {
            parts.Add($"average won deal {Money(o.AverageDealSize)}");
        }

        if (o.SalesCycle is { } cycle)
        {
            parts.Add($"sales cycle {Days(cycle.MedianDays)} days median, {Days(cycle.AverageDays)} average");
        }

        return string.Join("; ", parts);
    }
}
