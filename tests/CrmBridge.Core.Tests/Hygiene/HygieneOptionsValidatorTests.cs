using CrmBridge.Core.Connections;
using CrmBridge.Core.Hygiene;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Tests.Hygiene;

public sealed class HygieneOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validate(new HygieneOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameTheKeyAndTheValue()
    {
        var options = new HygieneOptions
        {
            Rules = { ["spelling"] = true },
            RequiredFields = ["amount"],
            NamingTemplate = "{company name} only",
            PhoneRegion = "XX",
            PhoneValidation = "Strict",
            FieldFormats = new() { ["deal.budget"] = "Money" },
            Tasks = { DueInDays = -1 },
        };
        options.Connections["ghost"] = new HygieneConnectionOptions { Pipelines = { ["p"] = new HygieneRuleSetOptions { StageExitCriteria = new() { ["Offer sent"] = ["inn"] } } } };

        var failures = string.Join("\n", Validate(options).Failures!);

        Assert.Contains("CrmBridge:Hygiene:Rules:spelling is not a hygiene rule", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:RequiredFields 'amount'", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:NamingTemplate '{company name} only'", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:PhoneRegion 'XX'", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:PhoneValidation 'Strict'", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:FieldFormats:deal.budget 'Money'", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:Tasks:DueInDays", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:Connections:ghost names no connection", failures, StringComparison.Ordinal);
        Assert.Contains("CrmBridge:Hygiene:Connections:ghost:Pipelines:p:StageExitCriteria:Offer sent 'inn'", failures, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(HygieneOptions options) =>
        new HygieneOptionsValidator(Options.Create(new CrmBridgeOptions())).Validate(null, options);
}
