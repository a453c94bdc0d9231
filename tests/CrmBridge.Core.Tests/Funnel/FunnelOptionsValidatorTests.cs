using CrmBridge.Core.Funnel;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new FunnelOptionsValidator().Validate(null, new FunnelOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameTheKeysAndValues()
    {
        var options = new FunnelOptions
        {
            MergeAtPercent = 20,
            SplitBelowPercent = 30,
            MinimumDealsForHint = 0,
            CompetitorRevisitAfterDays = -1,
            LossReasons = ["Too expensive", "too  expensive", " "],
            ReassignableReasons = ["No answer"],
            Cohort = "industry",
        };

        var failures = new FunnelOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("CrmBridge:Funnel:SplitBelowPercent (30) must be below CrmBridge:Funnel:MergeAtPercent (20).", failures);
        Assert.Contains("CrmBridge:Funnel:MinimumDealsForHint must be at least 1 (got 0).", failures);
        Assert.Contains("CrmBridge:Funnel:CompetitorRevisitAfterDays must not be negative (got -1).", failures);
        Assert.Contains("CrmBridge:Funnel:LossReasons:1 'too  expensive' is listed twice.", failures);
        Assert.Contains("CrmBridge:Funnel:LossReasons:2 is empty; remove it or name a loss reason.", failures);
        Assert.Contains("CrmBridge:Funnel:ReassignableReasons:0 'No answer' is not one of CrmBridge:Funnel:LossReasons.", failures);
        Assert.Contains(failures, f => f.StartsWith("CrmBridge:Funnel:Cohort 'industry' is not a cohort", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 25)]
    [InlineData(101, 25)]
    public void Validate_MergeThresholdOutOfRange_Fails(double merge, double split) =>
        Assert.Contains(
            new FunnelOptionsValidator().Validate(null, new FunnelOptions { MergeAtPercent = merge, SplitBelowPercent = split }).Failures!,
            f => f.StartsWith("CrmBridge:Funnel:MergeAtPercent must be above 0", StringComparison.Ordinal));
}
