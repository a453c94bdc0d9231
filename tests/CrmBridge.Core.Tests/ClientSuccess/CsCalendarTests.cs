using CrmBridge.Core.ClientSuccess;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Core.Tests.ClientSuccess;

public sealed class CsCalendarTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2025-02-27", 1, "2025-01-31")]
    [InlineData("2025-02-28", 2, "2025-02-28")]
    [InlineData("2025-03-30", 2, "2025-02-28")]
    [InlineData("2025-03-31", 3, "2025-03-31")]
    [InlineData("2025-04-30", 4, "2025-04-30")]
    [InlineData("2026-01-30", 12, "2025-12-31")]
    public void PositionAt_SignedOnAMonthEnd_PeriodsStartOnEachMonthsLastDayWithoutDrift(string today, int period, string start)
    {
        var time = new FakeTimeProvider(At(today, 12));

        var position = CsCalendar.PositionAt(At("2025-01-31", 15), CsCadence.Yearly, Utc, time.GetUtcNow());

        Assert.Equal((0, period, DateOnly.Parse(start)), (position.Cycle, position.Period, position.StartDate));
    }

    [Fact]
    public void PositionAt_LeapYear_FebruaryTwentyNinthStartsMonthTwo()
    {
        var time = new FakeTimeProvider(At("2024-02-28", 23));
        var signed = At("2024-01-31", 10);

        var before = CsCalendar.PositionAt(signed, CsCadence.Yearly, Utc, time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        var after = CsCalendar.PositionAt(signed, CsCadence.Yearly, Utc, time.GetUtcNow());

        Assert.Equal(1, before.Period);
        Assert.Equal((2, new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31)), (after.Period, after.StartDate, after.EndDate));
    }

    [Theory]
    [InlineData("2025-02-27", 0, 12)]
    [InlineData("2025-02-28", 1, 1)]
    [InlineData("2028-02-28", 3, 12)]
    [InlineData("2028-02-29", 4, 1)]
    public void PositionAt_SignedOnLeapDay_RenewsOnTheTwentyEighthAndOnLeapDayInLeapYears(string today, int cycle, int period)
    {
        var time = new FakeTimeProvider(At(today, 0));

        var position = CsCalendar.PositionAt(At("2024-02-29", 9), CsCadence.Yearly, Utc, time.GetUtcNow());

        Assert.Equal((cycle, period), (position.Cycle, position.Period));
    }

    [Fact]
    public void PositionAt_AfterTheTwelfthMonth_StartsTheNextCycleAtPeriodOne()
    {
        var time = new FakeTimeProvider(At("2025-06-10", 8));
        var signed = At("2025-06-10", 8);
        var seen = new List<(int Cycle, int Period)>();

        for (var day = 0; day < 800; day++)
        {
            var position = CsCalendar.PositionAt(signed, CsCadence.Yearly, Utc, time.GetUtcNow());
            if (seen.Count == 0 || seen[^1] != (position.Cycle, position.Period))
            {
                seen.Add((position.Cycle, position.Period));
            }

            time.Advance(TimeSpan.FromDays(1));
        }

        var expected = Enumerable.Range(0, 27).Select(i => (i / 12, (i % 12) + 1)).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void PositionAt_TeamTimeZone_CountsFromTheLocalSigningDayAndLocalMidnight()
    {
        // Signed at 01:30 on 1 April in Moscow, still 31 March in UTC.
        var signed = new DateTimeOffset(2025, 3, 31, 22, 30, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 4, 30, 20, 59, 0, TimeSpan.Zero));

        var moscowBefore = CsCalendar.PositionAt(signed, CsCadence.Yearly, Moscow, time.GetUtcNow());
        var utcSameInstant = CsCalendar.PositionAt(signed, CsCadence.Yearly, Utc, time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));
        var moscowAfter = CsCalendar.PositionAt(signed, CsCadence.Yearly, Moscow, time.GetUtcNow());

        Assert.Equal(new DateOnly(2025, 4, 1), moscowBefore.Anchor);
        Assert.Equal(1, moscowBefore.Period);
        Assert.Equal(2, utcSameInstant.Period);
        Assert.Equal(2, moscowAfter.Period);
        Assert.Equal(new DateTimeOffset(2025, 4, 30, 21, 0, 0, TimeSpan.Zero), moscowAfter.Start);
    }

    [Fact]
    public void PositionAt_AcrossDaylightSaving_PeriodsStartAtLocalMidnightInEachOffset()
    {
        var signed = new DateTimeOffset(2025, 1, 15, 17, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 20, 12, 0, 0, TimeSpan.Zero));

        var position = CsCalendar.PositionAt(signed, CsCadence.Yearly, NewYork, time.GetUtcNow());

        Assert.Equal(3, position.Period);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 4, 0, 0, TimeSpan.Zero), position.Start);
        Assert.Equal(new DateTimeOffset(2025, 4, 15, 4, 0, 0, TimeSpan.Zero), position.End);
        var first = CsCalendar.PositionAt(signed, CsCadence.Yearly, NewYork, signed);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 5, 0, 0, TimeSpan.Zero), first.Start);
    }

    [Theory]
    [InlineData("2025-01-31", 0, 1, "2025-01-31", "2025-02-07")]
    [InlineData("2025-02-06", 0, 1, "2025-01-31", "2025-02-07")]
    [InlineData("2025-02-07", 0, 2, "2025-02-07", "2025-02-14")]
    [InlineData("2025-02-21", 0, 4, "2025-02-21", "2025-02-28")]
    [InlineData("2025-02-27", 0, 4, "2025-02-21", "2025-02-28")]
    [InlineData("2025-02-28", 1, 1, "2025-02-28", "2025-03-07")]
    [InlineData("2025-03-30", 1, 4, "2025-03-21", "2025-03-31")]
    [InlineData("2025-03-31", 2, 1, "2025-03-31", "2025-04-07")]
    public void PositionAt_MonthlyProduct_WeeksOfEachMonthTheFourthRunningToTheMonthsEnd(string today, int cycle, int week, string start, string end)
    {
        var time = new FakeTimeProvider(At(today, 10));

        var position = CsCalendar.PositionAt(At("2025-01-31", 10), CsCadence.Monthly, Utc, time.GetUtcNow());

        Assert.Equal((cycle, week, DateOnly.Parse(start), DateOnly.Parse(end)), (position.Cycle, position.Period, position.StartDate, position.EndDate));
    }

    [Theory]
    [InlineData("2026-02-27", 0, 1)]
    [InlineData("2026-02-28", 0, 2)]
    [InlineData("2026-05-30", 0, 3)]
    [InlineData("2026-08-30", 0, 4)]
    [InlineData("2026-11-30", 1, 1)]
    public void PositionAt_LifetimeLicence_QuartersCountedFromTheSigningDay(string today, int cycle, int quarter)
    {
        var time = new FakeTimeProvider(At(today, 10));

        var position = CsCalendar.PositionAt(At("2025-11-30", 10), CsCadence.Lifetime, Utc, time.GetUtcNow());

        Assert.Equal((cycle, quarter), (position.Cycle, position.Period));
    }

    [Fact]
    public void PositionAt_SignedInTheFuture_IsPeriodOne()
    {
        var time = new FakeTimeProvider(At("2025-01-01", 0));

        var position = CsCalendar.PositionAt(At("2025-03-01", 0), CsCadence.Yearly, Utc, time.GetUtcNow());

        Assert.Equal((0, 1, new DateOnly(2025, 3, 1)), (position.Cycle, position.Period, position.StartDate));
    }

    [Fact]
    public void BillingMonthStarts_Quarter_HasThreeMonthStarts()
    {
        var position = CsCalendar.PositionAt(At("2025-11-30", 10), CsCadence.Lifetime, Utc, At("2026-03-15", 0));

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 30)], CsCalendar.BillingMonthStarts(position));
    }

    [Fact]
    public void LocalTime_InADaylightSavingGap_MovesOnToTheFirstValidTime()
    {
        // 8 March 2026, 02:30 does not exist in New York (clocks jump from 02:00 to 03:00 EDT).
        var instant = CsCalendar.LocalTime(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), instant);
    }

    private static DateTimeOffset At(string date, int hour) => new(DateOnly.Parse(date).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
