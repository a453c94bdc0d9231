using System.Globalization;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>Expands the configured plan into the tasks of one period, monthly-billing tasks included.</summary>
public static class CsPlan
{
    /// <summary>Tasks are due at this local time of their due day.</summary>
    public static readonly TimeOnly DueTime = new(9, 0);

    private const int FeedbackDayOfMonth = 21;

    /// <summary>
    /// The tasks of the period at <paramref name="position"/>: the plan's tasks for its cadence and period, and, with
    /// monthly billing, a feedback task and an invoice task for every billing month that starts in the period.
    /// </summary>
    public static IReadOnlyList<CsPlannedTask> TasksFor(IReadOnlyList<ClientSuccessPlanTaskOptions> plan, CsPosition position, bool monthlyBilling, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(position);
        var lastDay = position.EndDate.AddDays(-1);
        var tasks = new List<CsPlannedTask>();
        foreach (var task in plan.Where(t => t.Cadence == position.Cadence && t.Period == position.Period))
        {
            tasks.Add(new CsPlannedTask(task.Key, task.Subject, task.Body, Due(Min(position.StartDate.AddDays(Math.Max(0, task.DueDays)), lastDay), zone)));
        }

        if (monthlyBilling)
        {
            var months = CsCalendar.BillingMonthStarts(position);
            for (var i = 0; i < months.Count; i++)
            {
                var suffix = i == 0 ? "" : "-" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var monthEnd = Min(position.Anchor.AddMonths(CsCalendar.WholeMonthsBetween(position.Anchor, months[i]) + 1).AddDays(-1), lastDay);
                var label = months[i].ToString("MMMM yyyy", CultureInfo.InvariantCulture);
                tasks.Add(new CsPlannedTask(CsDefaultPlan.InvoiceKey + suffix, $"Send the invoice for {label}", null, Due(months[i], zone)));
                tasks.Add(new CsPlannedTask(CsDefaultPlan.BillingFeedbackKey + suffix, $"Monthly feedback call ({label})", null, Due(Min(months[i].AddDays(FeedbackDayOfMonth - 1), monthEnd), zone)));
            }
        }

        return tasks;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTimeOffset Due(DateOnly day, TimeZoneInfo zone) => CsCalendar.LocalTime(day, DueTime, zone);
}
