using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelCohortTests
{
    private static readonly FunnelOptions Options = new() { MinimumDealsForHint = 2, MergeAtPercent = 60 };

    [Fact]
    public void Compute_ByCreationMonth_GivesEachMonthItsOwnFunnel()
    {
        var january = new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero);
        var february = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var deals = new[]
        {
            Deal("a", "s1", created: january), Deal("b", "s3", created: january),
            Deal("c", "won", DealStatus.Won, february), Deal("d", "s2", created: february), Deal("e", "lost", DealStatus.Lost, february),
        };

        var funnel = FunnelCalculator.Compute(Sales, deals, [], Options, Now, d => FunnelCohort.Month.KeyOf(d, null));

        Assert.Equal(["2026-01", "2026-02"], funnel.Cohorts.Select(c => c.Cohort));
        Assert.Equal(new long[] { 2, 1, 1, 0, 0 }, funnel.Cohorts[0].Figures.Stages.Select(s => s.Reached));
        Assert.Equal(new long[] { 3, 2, 1, 1, 1 }, funnel.Cohorts[1].Figures.Stages.Select(s => s.Reached));
        Assert.Equal(new double?[] { 2 / 3.0, 0.5, 1, 1, null }, funnel.Cohorts[1].Figures.Stages.Select(s => s.ConversionToNext));
        Assert.Equal(FunnelHint.None, funnel.Cohorts[0].Figures.Stages[0].Hint);
        Assert.Equal(FunnelHint.Merge, funnel.Cohorts[1].Figures.Stages[0].Hint);
        Assert.Equal(0.5, funnel.Cohorts[1].Figures.Outcome.WinRate);
        Assert.Equal(1, funnel.Cohorts[1].Figures.Lost.Deals);
        Assert.Equal(new long[] { 5, 3, 2, 1, 1 }, funnel.Overall.Stages.Select(s => s.Reached));
    }

    [Fact]
    public void Compute_ByDealField_PutsDealsWithoutAValueLast()
    {
        var cohort = new FunnelCohort(FunnelCohortKind.DealField, "deal.sprint");
        var deals = new[]
        {
            Deal("a", "s2") with { Fields = new Dictionary<string, string?> { ["deal.sprint"] = "S2" } },
            Deal("b", "s1") with { Fields = new Dictionary<string, string?> { ["deal.sprint"] = " S1 " } },
            Deal("c", "s1"),
            Deal("d", "s3") with { Fields = new Dictionary<string, string?> { ["deal.sprint"] = "" } },
        };

        var funnel = FunnelCalculator.Compute(Sales, deals, [], Options, Now, d => cohort.KeyOf(d, null));

        Assert.Equal(["S1", "S2", FunnelCohort.NoValue], funnel.Cohorts.Select(c => c.Cohort));
        Assert.Equal(new long[] { 2, 1, 1, 0, 0 }, funnel.Cohorts[2].Figures.Stages.Select(s => s.Reached));
    }

    [Fact]
    public void KeyOf_CompanyField_ReadsTheCompany()
    {
        var cohort = new FunnelCohort(FunnelCohortKind.CompanyField, CanonicalFields.CompanyIndustry);
        var company = new Company { Connection = "test", ExternalId = "c1", Name = "Orion", Industry = "Retail" };

        Assert.Equal("Retail", cohort.KeyOf(Deal("a", "s1"), company));
        Assert.Equal(FunnelCohort.NoValue, cohort.KeyOf(Deal("a", "s1"), null));
    }

    [Theory]
    [InlineData("month", FunnelCohortKind.Month)]
    [InlineData("MONTH", FunnelCohortKind.Month)]
    [InlineData("deal.sprint", FunnelCohortKind.DealField)]
    [InlineData("company.industry", FunnelCohortKind.CompanyField)]
    public void TryParse_KnownForms_Parse(string text, FunnelCohortKind kind)
    {
        Assert.True(FunnelCohort.TryParse(text, out var cohort, out _));
        Assert.Equal(kind, cohort.Kind);
    }

    [Theory]
    [InlineData("industry")]
    [InlineData("deal.")]
    [InlineData("")]
    public void TryParse_OtherText_ExplainsTheForms(string text)
    {
        Assert.False(FunnelCohort.TryParse(text, out _, out var error));
        Assert.Contains("company.industry", error, StringComparison.Ordinal);
    }
}
