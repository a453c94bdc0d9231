namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Measures idle time in days: elapsed time for calendar days; for business days, only the time that falls on working
/// days of the team's time zone (a weekend or holiday adds nothing). Constant work per call, whatever the span.
/// </summary>
public sealed class CemeteryCalendar
{
    private readonly bool[] _weekend = new bool[7];
    private readonly int _workingDaysPerWeek;
    private readonly int[] _holidayDayNumbers;

    public CemeteryCalendar(CemeteryDayCounting counting, TimeZoneInfo zone, IEnumerable<DayOfWeek> weekend, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(weekend);
        ArgumentNullException.ThrowIfNull(holidays);
        Counting = counting;
        Zone = zone;
        foreach (var day in weekend)
        {
            _weekend[(int)day] = true;
        }

        _workingDaysPerWeek = _weekend.Count(w => !w);
        _holidayDayNumbers = [.. holidays.Where(h => !_weekend[(int)h.DayOfWeek]).Select(h => h.DayNumber).Distinct().Order()];
    }

    public CemeteryDayCounting Counting { get; }

    public TimeZoneInfo Zone { get; }

    public static CemeteryCalendar From(CemeteryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CemeteryCalendar(options.DayCounting, options.TimeZone is null ? TimeZoneInfo.Utc : CemeteryTimeZone.Find(options.TimeZone), options.EffectiveWeekend, options.Holidays);
    }

    /// <summary>Idle days from <paramref name="from"/> to <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public double IdleDays(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (Counting == CemeteryDayCounting.Calendar)
        {
            return (to - from).TotalDays;
        }

        var start = TimeZoneInfo.ConvertTime(from, Zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(to, Zone).DateTime;
        var startDate = DateOnly.FromDateTime(start);
        var endDate = DateOnly.FromDateTime(end);
        if (startDate == endDate)
        {
            return IsWorkingDay(startDate) ? (end - start).TotalDays : 0;
        }

        var days = (double)WorkingDays(startDate.AddDays(1), endDate);
        if (IsWorkingDay(startDate))
        {
            days += 1 - start.TimeOfDay.TotalDays;
        }

        if (IsWorkingDay(endDate))
        {
            days += end.TimeOfDay.TotalDays;
        }

        return days;
    }

    public bool IsWorkingDay(DateOnly date) =>
        Counting == CemeteryDayCounting.Calendar || (!_weekend[(int)date.DayOfWeek] && Array.BinarySearch(_holidayDayNumbers, date.DayNumber) < 0);

    /// <summary>Working days in [<paramref name="first"/>, <paramref name="endExclusive"/>).</summary>
    public int WorkingDays(DateOnly first, DateOnly endExclusive)
    {
        var span = endExclusive.DayNumber - first.DayNumber;
        if (span <= 0)
        {
            return 0;
        }

        if (Counting == CemeteryDayCounting.Calendar)
        {
            return span;
        }

        var weeks = span / 7;
        var count = weeks * _workingDaysPerWeek;
        for (var day = first.AddDays(weeks * 7); day < endExclusive; day = day.AddDays(1))
        {
            if (!_weekend[(int)day.DayOfWeek])
            {
                count++;
            }
        }

        return count - (LowerBound(endExclusive.DayNumber) - LowerBound(first.DayNumber));
    }

    private int LowerBound(int dayNumber)
    {
        var index = Array.BinarySearch(_holidayDayNumbers, dayNumber);
        return index >= 0 ? index : ~index;
    }
}
