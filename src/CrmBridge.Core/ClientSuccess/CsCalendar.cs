namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// Period arithmetic of Client Success calendars, in the team's time zone. Months are counted from the signing date with
/// month-end clamping that never drifts (signed 31 January: periods start 28/29 February, 31 March, 30 April, ...); a
/// year counts 12 such months, so a deal signed on 29 February renews on 28 February.
/// </summary>
public static class CsCalendar
{
    public static int PeriodsPerCycle(CsCadence cadence) => cadence switch
    {
        CsCadence.Yearly => 12,
        CsCadence.Monthly => 4,
        CsCadence.Lifetime => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence."),
    };

    /// <summary>The position at <paramref name="now"/> of a deal signed at <paramref name="signedAt"/>; a signing date still ahead counts as period 1.</summary>
    public static CsPosition PositionAt(DateTimeOffset signedAt, CsCadence cadence, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var anchor = LocalDate(signedAt, zone);
        var today = LocalDate(now, zone);
        if (today < anchor)
        {
            today = anchor;
        }

        var months = WholeMonthsBetween(anchor, today);
        return cadence switch
        {
            CsCadence.Yearly => MonthBased(anchor, months, monthsPerPeriod: 1, cadence, zone),
            CsCadence.Lifetime => MonthBased(anchor, months, monthsPerPeriod: 3, cadence, zone),
            CsCadence.Monthly => Weekly(anchor, months, today, zone),
            _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence."),
        };
    }

    /// <summary>The first local day of each calendar month (counted from the anchor) that starts within the position's period.</summary>
    public static IReadOnlyList<DateOnly> BillingMonthStarts(CsPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var starts = new List<DateOnly>();
        for (var k = WholeMonthsBetween(position.Anchor, position.StartDate); ; k++)
        {
            var start = position.Anchor.AddMonths(k);
            if (start >= position.EndDate)
            {
                break;
            }

            if (start >= position.StartDate)
            {
                starts.Add(start);
            }
        }

        return starts;
    }

    /// <summary>The local calendar day of an instant in the zone.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>Local midnight of a day in the zone, in UTC (the first valid local time when midnight falls in a DST gap).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => LocalTime(date, TimeOnly.MinValue, zone);

    /// <summary>A local date and time in the zone, in UTC; a time skipped by a DST change moves on by the gap.</summary>
    public static DateTimeOffset LocalTime(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        for (var i = 0; i < 4 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The most whole months m with anchor + m months (clamped to the month's end) on or before the day.</summary>
    internal static int WholeMonthsBetween(DateOnly anchor, DateOnly day)
    {
        var months = ((day.Year - anchor.Year) * 12) + day.Month - anchor.Month;
        if (months > 0 && anchor.AddMonths(months) > day)
        {
            months--;
        }

        return Math.Max(0, months);
    }

    private static CsPosition MonthBased(DateOnly anchor, int months, int monthsPerPeriod, CsCadence cadence, TimeZoneInfo zone)
    {
        var index = months / monthsPerPeriod;
        var perCycle = PeriodsPerCycle(cadence);
        var start = anchor.AddMonths(index * monthsPerPeriod);
        var end = anchor.AddMonths((index + 1) * monthsPerPeriod);
        return new CsPosition(cadence, anchor, index / perCycle, (index % perCycle) + 1, start, end, StartOfDay(start, zone), StartOfDay(end, zone));
    }

    private static CsPosition Weekly(DateOnly anchor, int months, DateOnly today, TimeZoneInfo zone)
    {
        var cycleStart = anchor.AddMonths(months);
        var cycleEnd = anchor.AddMonths(months + 1);
        var week = Math.Min((today.DayNumber - cycleStart.DayNumber) / 7, 3);
        var start = cycleStart.AddDays(7 * week);
        var end = week == 3 ? cycleEnd : start.AddDays(7);
        return new CsPosition(CsCadence.Monthly, anchor, months, week + 1, start, end, StartOfDay(start, zone), StartOfDay(end, zone));
    }
}
