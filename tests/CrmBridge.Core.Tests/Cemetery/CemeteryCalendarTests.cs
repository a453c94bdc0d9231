using CrmBridge.Core.Cemetery;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryCalendarTests
{
    private static readonly DayOfWeek[] Weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    // 2026-03-06 is a Friday.
    private static readonly DateTimeOffset FridayNoon = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IdleDays_Calendar_IsElapsedTime()
    {
        var calendar = new CemeteryCalendar(CemeteryDayCounting.Calendar, TimeZoneInfo.Utc, Weekend, []);

        Assert.Equal(3.5, calendar.IdleDays(FridayNoon, FridayNoon.AddDays(3.5)), 9);
        Assert.Equal(0, calendar.IdleDays(FridayNoon, FridayNoon.AddDays(-1)));
    }

    [Fact]
    public void IdleDays_BusinessDaysOverAWeekend_SkipsSaturdayAndSunday()
    {
        var calendar = new CemeteryCalendar(CemeteryDayCounting.BusinessDays, TimeZoneInfo.Utc, Weekend, []);

        // Friday noon to Monday noon: half of Friday and half of Monday.
        Assert.Equal(1.0, calendar.IdleDays(FridayNoon, FridayNoon.AddDays(3)), 9);

        // Saturday to Sunday: nothing.
        Assert.Equal(0, calendar.IdleDays(FridayNoon.AddDays(1), FridayNoon.AddDays(2)));
    }

    [Fact]
    public void IdleDays_BusinessDaysWithAHoliday_SkipsTheHoliday()
    {
        var holiday = new DateOnly(2026, 3, 9); // Monday
        var calendar = new CemeteryCalendar(CemeteryDayCounting.BusinessDays, TimeZoneInfo.Utc, Weekend, [holiday, new DateOnly(2026, 3, 7)]);

        Assert.Equal(1.0, calendar.IdleDays(FridayNoon, FridayNoon.AddDays(4)), 9);
        Assert.False(calendar.IsWorkingDay(holiday));
    }

    [Fact]
    public void IdleDays_BusinessDays_AreCountedInTheTeamsTimeZone()
    {
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var calendar = new CemeteryCalendar(CemeteryDayCounting.BusinessDays, moscow, Weekend, []);

        // Friday 22:00 UTC is already Saturday 01:00 in Moscow: the weekend has begun there.
        var fridayNightUtc = new DateTimeOffset(2026, 3, 6, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, calendar.IdleDays(fridayNightUtc, fridayNightUtc.AddHours(20)));
        Assert.True(new CemeteryCalendar(CemeteryDayCounting.BusinessDays, TimeZoneInfo.Utc, Weekend, []).IdleDays(fridayNightUtc, fridayNightUtc.AddHours(20)) > 0);
    }

    [Fact]
    public void WorkingDays_OverLongSpans_MatchesCountingDayByDay()
    {
        var holidays = new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 7), new DateOnly(2026, 5, 9), new DateOnly(2026, 6, 13) };
        var calendar = new CemeteryCalendar(CemeteryDayCounting.BusinessDays, TimeZoneInfo.Utc, [DayOfWeek.Friday, DayOfWeek.Saturday], holidays);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var first = new DateOnly(2025, 12, 1).AddDays(random.Next(200));
            var end = first.AddDays(random.Next(0, 400));
            var expected = 0;
            for (var day = first; day < end; day = day.AddDays(1))
            {
                expected += day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday || holidays.Contains(day) ? 0 : 1;
            }

            Assert.Equal(expected, calendar.WorkingDays(first, end));
        }
    }
}
