using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Hygiene.Sweep;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Tests.Hygiene;

/// <summary>What a sweep asks the store for: the optional deal members its rules read, and the related records it keeps between chunks.</summary>
public sealed class SweepReadTests
{
    private const string Connection = "test";

    private static readonly Pipeline Sales = new(Connection, "sales", "Sales", 0,
    [
        new Stage("new", "sales", "Unsorted", 1, StageOutcome.Open),
        new Stage("offer", "sales", "Offer sent", 2, StageOutcome.Open),
        new Stage("won", "sales", "Won", 3, StageOutcome.Won),
    ]);

    [Fact]
    public void Compile_DefaultRules_AskForNoOptionalDealMember()
    {
        var rules = HygieneRuleCompiler.Compile(new HygieneOptions(), Connection, [Sales]);

        Assert.All(rules.All, set => Assert.Equal(HygieneDealMembers.None, set.DealMembers));
    }

    [Fact]
    public void Compile_RulesReadingOptionalMembers_AskForExactlyThose()
    {
        var options = new HygieneOptions
        {
            RequiredFields = [HygieneFields.DealCurrency, HygieneFields.DealAmount],
            StageExitCriteria = new() { ["Offer sent"] = [HygieneFields.DealNextActivity] },
            FieldFormats = new() { [HygieneFields.DealClosedAt] = "Date" },
        };

        var rules = HygieneRuleCompiler.Compile(options, Connection, [Sales]);

        Assert.Equal(HygieneDealMembers.Currency | HygieneDealMembers.ActivityTimes | HygieneDealMembers.ClosedAt, rules.For("sales").DealMembers);
        Assert.Equal(HygieneDealMembers.Currency | HygieneDealMembers.ClosedAt, rules.For("other").DealMembers);
    }

    [Fact]
    public void Compile_AmountChecked_AsksForItsValue()
    {
        var options = new HygieneOptions { AllowedValues = new() { [HygieneFields.DealAmount] = ["100"] } };

        var rules = HygieneRuleCompiler.Compile(options, Connection, [Sales]);

        Assert.Equal(HygieneDealMembers.Amount, rules.For("sales").DealMembers);
    }

    [Fact]
    public void RelatedRecordCache_FoundAndMissingIds_AreBothRemembered()
    {
        var cache = new RelatedRecordCache(limit: 10);
        var company = new Company { Connection = Connection, ExternalId = "c1", Name = "Орион" };

        cache.AddCompanies(["c1", "gone"], [company]);

        Assert.True(cache.TryGetCompany("c1", out var found));
        Assert.Same(company, found);
        Assert.True(cache.TryGetCompany("gone", out var missing));
        Assert.Null(missing);
        Assert.False(cache.TryGetCompany("c2", out _));
    }

    [Fact]
    public void RelatedRecordCache_Full_StartsOverOnlyWhenTrimmedBetweenChunks()
    {
        var cache = new RelatedRecordCache(limit: 2);
        cache.AddContacts(["p1", "p2", "p3"], []);

        Assert.True(cache.TryGetContact("p3", out _));
        cache.TrimIfFull();

        Assert.False(cache.TryGetContact("p1", out _));
        Assert.False(cache.TryGetContact("p3", out _));
    }
}
