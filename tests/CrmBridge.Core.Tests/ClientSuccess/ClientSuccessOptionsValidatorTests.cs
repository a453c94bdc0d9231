using CrmBridge.Core.ClientSuccess;

namespace CrmBridge.Core.Tests.ClientSuccess;

public sealed class ClientSuccessOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new ClientSuccessOptionsValidator().Validate(null, new ClientSuccessOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_BadValues_NameTheKeyAndTheValue()
    {
        var options = new ClientSuccessOptions
        {
            TimeZone = "Mars/Olympus",
            TagOriginal = true,
            CopyFields = ["source"],
            ClaimLease = TimeSpan.FromSeconds(1),
            Plan =
            [
                new() { Cadence = CsCadence.Monthly, Period = 5, Key = "k", Subject = "s" },
                new() { Period = 1, Key = "", Subject = "s" },
                new() { Period = 2, Key = "a", Subject = "s" },
                new() { Period = 2, Key = "a", Subject = "t" },
            ],
        };

        var failures = new ClientSuccessOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("CrmBridge:ClientSuccess:TimeZone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TagField is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'source' is not a canonical deal field", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ClaimLease 00:00:01", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Plan:0:Period 5 is outside 1..4 of the Monthly cadence", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Plan:1:Key is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("task key 'a' twice in Yearly period 2", StringComparison.Ordinal));
    }

    [Fact]
    public void EffectivePlan_NoneConfigured_IsTheDefaultPlan()
    {
        Assert.Same(CsDefaultPlan.Tasks, new ClientSuccessOptions().EffectivePlan());
        var own = new ClientSuccessOptions { Plan = [new() { Period = 3, Key = "x", Subject = "y" }] };
        Assert.Equal(["x"], own.EffectivePlan().Select(t => t.Key));
    }
}
