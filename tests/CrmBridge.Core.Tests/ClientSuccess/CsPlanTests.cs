using CrmBridge.Core.ClientSuccess;

namespace CrmBridge.Core.Tests.ClientSuccess;

public sealed class CsPlanTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset Signed = new(2025, 1, 31, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, "onboarding")]
    [InlineData(2, "why-us")]
    [InlineData(3, "")]
    [InlineData(4, "case-study")]
    [InlineData(6, "conference")]
    [InlineData(7, "new-features")]
    [InlineData(8, "renewal-prep")]
    [InlineData(9, "upsell")]
    [InlineData(10, "first-year-feedback")]
    [InlineData(11, "")]
    [InlineData(12, "renewal")]
    public void TasksFor_DefaultYearlyPlan_FollowsTheSalesMethod(int month, string key)
    {
        var tasks = CsPlan.TasksFor(CsDefaultPlan.Tasks, InMonth(month), monthlyBilling: false, Utc);

        Assert.Equal(key.Length == 0 ? [] : [key], tasks.Select(t => t.Key));
    }

    [Fact]
    public void TasksFor_MonthlyBilling_AddsAFeedbackAndAnInvoiceTaskEveryMonth()
    {
        for (var month = 1; month <= 12; month++)
        {
            var keys = CsPlan.TasksFor(CsDefaultPlan.Tasks, InMonth(month), monthlyBilling: true, Utc).Select(t => t.Key).ToList();

            Assert.Contains(CsDefaultPlan.InvoiceKey, keys);
            Assert.Contains(CsDefaultPlan.BillingFeedbackKey, keys);
        }
    }

    [Fact]
    public void TasksFor_DueDates_AreNineInTheMorningLocalAndInsideThePeriod()
    {
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var position = CsCalendar.PositionAt(Signed, CsCadence.Yearly, moscow, Signed.AddDays(30));

        var tasks = CsPlan.TasksFor(CsDefaultPlan.Tasks, position, monthlyBilling: true, moscow);

        var why = tasks.Single(t => t.Key == "why-us");
        Assert.Equal(new DateTimeOffset(2025, 3, 7, 6, 0, 0, TimeSpan.Zero), why.DueAt);
        var invoice = tasks.Single(t => t.Key == CsDefaultPlan.InvoiceKey);
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 6, 0, 0, TimeSpan.Zero), invoice.DueAt);
        Assert.All(tasks, t => Assert.InRange(t.DueAt, position.Start, position.End));
    }

    [Fact]
    public void TasksFor_WeekWithLongDueDays_IsCappedAtTheWeeksLastDay()
    {
        var plan = new[] { new ClientSuccessPlanTaskOptions { Cadence = CsCadence.Monthly, Period = 2, Key = "k", Subject = "s", DueDays = 30 } };
        var position = CsCalendar.PositionAt(Signed, CsCadence.Monthly, Utc, Signed.AddDays(8));

        var task = Assert.Single(CsPlan.TasksFor(plan, position, monthlyBilling: false, Utc));

        Assert.Equal(new DateTimeOffset(2025, 2, 13, 9, 0, 0, TimeSpan.Zero), task.DueAt);
    }

    [Fact]
    public void TasksFor_MonthlyProductWithMonthlyBilling_InvoicesInTheFirstWeekOnly()
    {
        var week1 = CsCalendar.PositionAt(Signed, CsCadence.Monthly, Utc, Signed.AddDays(1));
        var week2 = CsCalendar.PositionAt(Signed, CsCadence.Monthly, Utc, Signed.AddDays(8));

        Assert.Equal(["onboarding", "invoice", "billing-feedback"], CsPlan.TasksFor(CsDefaultPlan.Tasks, week1, true, Utc).Select(t => t.Key));
        Assert.Equal(["why-us"], CsPlan.TasksFor(CsDefaultPlan.Tasks, week2, true, Utc).Select(t => t.Key));
    }

    [Fact]
    public void TasksFor_LifetimeQuarterWithMonthlyBilling_HasOneInvoicePerMonth()
    {
        var position = CsCalendar.PositionAt(Signed, CsCadence.Lifetime, Utc, Signed.AddDays(100));

        var keys = CsPlan.TasksFor(CsDefaultPlan.Tasks, position, true, Utc).Select(t => t.Key).ToList();

        Assert.Equal(["why-us", "invoice", "billing-feedback", "invoice-2", "billing-feedback-2", "invoice-3", "billing-feedback-3"], keys);
    }

    [Fact]
    public void PlanTask_Key_IsStablePerDealCyclePeriodAndTask()
    {
        var marker = CsMarkers.CarryOver("main", "123");

        Assert.Equal("crmbridge-cs:main:123:r0", marker);
        Assert.Equal("crmbridge-cs:main:123:r0:c1:p12:renewal", CsMarkers.PlanTask(marker, 1, 12, "renewal"));
        Assert.True(CsMarkers.IsCarryOver(marker));
        Assert.False(CsMarkers.IsCarryOver("other"));
    }

    private static CsPosition InMonth(int month) =>
        CsCalendar.PositionAt(Signed, CsCadence.Yearly, Utc, Signed.AddMonths(month - 1).AddDays(1));
}
