namespace CrmBridge.Core.Funnel;

/// <summary>A distribution of durations in days: percentiles interpolate linearly between the nearest ranks.</summary>
/// <param name="Deals">How many deals the figures are taken over.</param>
public sealed record DurationFigures(int Deals, double MedianDays, double P90Days, double AverageDays)
{
    public static DurationFigures? Of(IReadOnlyCollection<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (durations.Count == 0)
        {
            return null;
        }

        var days = durations.Select(d => d.TotalDays).Order().ToArray();
        return new DurationFigures(days.Length, Percentile(days, 0.5), Percentile(days, 0.9), days.Average());
    }

    /// <summary>The percentile of sorted values, interpolating between ranks (spreadsheets' PERCENTILE.INC).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var position = (sorted.Count - 1) * fraction;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
