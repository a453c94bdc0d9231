using CrmBridge.Jobs.Scheduling;

namespace CrmBridge.Jobs.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("*/30 * * * *")]
    [InlineData("0 8 * * 1-5")]
    [InlineData("*/1 * * * * *")]
    public void TryParse_WithValidExpression_Succeeds(string expression) =>
        Assert.True(CronSchedule.TryParse(expression, out _, out _));

    [Theory]
    [InlineData("0 25 * * *")]
    [InlineData("daily")]
    [InlineData("")]
    public void TryParse_WithInvalidExpression_ExplainsWhy(string expression)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Validate_WithUnknownTimeZone_NamesTheKey()
    {
        var result = new JobsOptionsValidator().Validate(null, new JobsOptions { TimeZone = "Mars/Olympus" });

        Assert.True(result.Failed);
        Assert.Contains("CrmBridge:Jobs:TimeZone 'Mars/Olympus'", result.FailureMessage, StringComparison.Ordinal);
    }
}
