using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Tests.Dataset;

public sealed class SandboxDatasetTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static SandboxDataset Generate(int seed = 42, int deals = 300) =>
        SandboxDataset.Generate(new SandboxSeedOptions { Seed = seed, DealCount = deals, Now = Now });

    private static string Serialize(SandboxDataset dataset) => JsonSerializer.Serialize(new
    {
        dataset.Pipelines,
        dataset.Owners,
        dataset.Companies,
        dataset.Contacts,
        dataset.Deals,
        dataset.Dirt,
    });

    [Fact]
    public void Generate_SameSeed_ProducesTheSameDataset()
    {
        Assert.Equal(Serialize(Generate()), Serialize(Generate()));
    }

    [Fact]
    public void Generate_OtherSeed_ProducesOtherDeals()
    {
        Assert.NotEqual(Serialize(Generate(seed: 42)), Serialize(Generate(seed: 43)));
    }

    [Fact]
    public void Generate_DefaultOptions_HasTheReferenceShape()
    {
        var dataset = Generate();

        Assert.Equal(
            ["unsorted", "prospects", "contactsfound", "outreachstarted", "replied", "repliednegative", "targetcontactrepliedpositive",
             "leadqualified", "demoappointed", "demorun", "teststarted", "offersent", "committed", "signed", "closedwon", "closedlost"],
            dataset.SalesPipeline.Stages.Select(s => s.Key));
        Assert.Equal(StageOutcome.Won, dataset.SalesPipeline.GetStage(SandboxStageKeys.Won).Outcome);
        Assert.Equal(StageOutcome.Lost, dataset.SalesPipeline.GetStage(SandboxStageKeys.Lost).Outcome);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"Month {m}"), dataset.ClientSuccessPipeline.Stages.Select(s => s.Name));
        Assert.DoesNotContain(dataset.Deals, d => d.PipelineKey == SandboxStageKeys.ClientSuccessPipeline);

        Assert.Equal(6, dataset.Owners.Count);
        Assert.Equal(2, dataset.Owners.Count(o => o.IsManager));
        Assert.All(dataset.Owners, o => Assert.True(dataset.GetOwner(o.ManagerKey).IsManager));
        Assert.Equal(120, dataset.Companies.Count);
        Assert.Equal(250, dataset.Contacts.Count);
        Assert.Equal(300, dataset.Deals.Count);
        Assert.Contains(dataset.Companies, c => c.Website == "орион.рф");
        Assert.True(dataset.Companies.Count(c => c.Website?.EndsWith(".рф", StringComparison.Ordinal) == true) >= 2);
        Assert.Contains(dataset.Companies, c => c.Inn?.Length == 12);
        Assert.True(dataset.Companies.Count(c => c.InnIsValid) > dataset.Companies.Count * 3 / 4);
        Assert.All(dataset.Contacts, c => Assert.NotEqual(ContactRole.Unknown, c.Role));
        Assert.Equal(dataset.Deals.Count, dataset.Deals.Select(d => d.Key).Distinct().Count());
        Assert.Equal(dataset.Companies.Count, dataset.Companies.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Generate_DefaultOptions_SpreadsDealsRealistically()
    {
        var dataset = Generate();
        var byStage = dataset.Deals.GroupBy(d => d.StageKey).ToDictionary(g => g.Key, g => g.Count());
        int Count(string key) => byStage.GetValueOrDefault(key);

        Assert.True(Count(SandboxStageKeys.Unsorted) + Count(SandboxStageKeys.Prospects) > Count(SandboxStageKeys.Committed) + Count(SandboxStageKeys.Signed) + Count(SandboxStageKeys.OfferSent));
        Assert.All(dataset.SalesPipeline.Stages, s => Assert.True(Count(s.Key) > 0, $"no deal at {s.Key}"));
        Assert.All(dataset.Deals, d =>
        {
            Assert.Equal("RUB", d.Currency);
            Assert.InRange(d.CreatedAt, Now.AddDays(-271), Now);
            Assert.InRange(d.StageEnteredAt, d.CreatedAt, Now);
            Assert.InRange(d.UpdatedAt, d.CreatedAt, Now);
            Assert.True(d.LastActivityAt is null || d.LastActivityAt <= Now);
            Assert.Equal(0, d.CreatedAt.UtcTicks % TimeSpan.TicksPerMillisecond);
        });
        Assert.All(dataset.Deals.Where(d => d.Status == DealStatus.Won), d => Assert.NotNull(d.ClosedAt));
        Assert.All(dataset.Deals.Where(d => d.Status == DealStatus.Lost && d.LostReason is not null), d => Assert.Contains(d.LostReason, SalesMethodDefaults.LossReasons));
        Assert.All(dataset.Deals.Where(d => d.Status == DealStatus.Open), d => Assert.Null(d.ClosedAt));
        Assert.All(dataset.Deals.Where(d => d.NextActivityAt is not null), d => Assert.True(d.NextActivityAt > Now));
        Assert.Contains(dataset.Deals, d => d.Source is not null);
    }

    [Fact]
    public void Generate_InnsMarkedValid_PassTheCheckDigitsAndInnsMarkedInvalid_FailThem()
    {
        var dataset = Generate(deals: 5000);

        var valid = dataset.Companies.Where(c => c.InnIsValid).ToList();
        var invalid = dataset.Companies.Where(c => c.Inn is not null && !c.InnIsValid).ToList();
        Assert.NotEmpty(valid);
        Assert.NotEmpty(invalid);
        Assert.All(valid, c => Assert.True(InnChecksum.IsValid(c.Inn), c.Inn));
        Assert.All(invalid, c => Assert.False(InnChecksum.IsValid(c.Inn), c.Inn));
        Assert.All(dataset.Companies.Where(c => c.Inn is not null), c => Assert.True(c.Inn!.Length is 10 or 12));
    }

    [Theory]
    [InlineData("7707083893", true)]
    [InlineData("7707083894", false)]
    [InlineData("500100732259", true)]
    [InlineData("500100732250", false)]
    [InlineData("770708389", false)]
    [InlineData("77070838a3", false)]
    [InlineData(null, false)]
    public void IsValid_KnownInns_ChecksDigits(string? inn, bool expected)
    {
        Assert.Equal(expected, InnChecksum.IsValid(inn));
    }

    [Theory]
    [InlineData(42, 300)]
    [InlineData(7, 300)]
    [InlineData(42, 3000)]
    public void Dirt_RecomputedWithTheRules_MatchesTheSeededDirtBothWays(int seed, int deals)
    {
        var dataset = Generate(seed, deals);
        static (string, DirtKind, string) Id(SandboxDirt d) => (d.DealKey, d.Kind, d.EntityKey);

        var seeded = dataset.Dirt.Select(Id).ToHashSet();
        var found = DirtRules.Find(dataset).Select(Id).ToHashSet();

        Assert.Empty(seeded.Except(found));
        Assert.Empty(found.Except(seeded));
        Assert.Equal(dataset.Dirt.Count, seeded.Count);
        Assert.Equal(DirtRules.Find(dataset), dataset.Dirt);
    }

    [Fact]
    public void Dirt_DefaultSeed_HasEveryKind()
    {
        var dataset = Generate();
        Assert.All(Enum.GetValues<DirtKind>(), kind => Assert.Contains(dataset.Dirt, d => d.Kind == kind));
    }

    [Fact]
    public void Dirt_StaleAndNextActivity_FollowTheDocumentedThresholdIndependently()
    {
        var dataset = Generate();
        var stale = dataset.Deals
            .Where(d => d.Status == DealStatus.Open)
            .Where(d => Now - new[] { d.StageEnteredAt, d.LastActivityAt ?? d.StageEnteredAt }.Max() > TimeSpan.FromDays(30))
            .Select(d => d.Key)
            .ToHashSet();
        var noNext = dataset.Deals.Where(d => d.Status == DealStatus.Open && d.NextActivityAt is null).Select(d => d.Key).ToHashSet();

        Assert.Equal(TimeSpan.FromDays(30), DirtRules.StaleAfter);
        Assert.Equal(stale, dataset.Dirt.Where(d => d.Kind == DirtKind.StaleNoActivity).Select(d => d.DealKey).ToHashSet());
        Assert.Equal(noNext, dataset.Dirt.Where(d => d.Kind == DirtKind.NoNextActivity).Select(d => d.DealKey).ToHashSet());
        Assert.DoesNotContain(dataset.Dirt, d => d.Kind is DirtKind.StaleNoActivity or DirtKind.NoNextActivity && dataset.GetDeal(d.DealKey).Status != DealStatus.Open);
    }

    [Fact]
    public void Dirt_NamingAndMissingFields_MatchTheDataIndependently()
    {
        var dataset = Generate();
        var offConvention = dataset.Deals
            .Where(d => d.CompanyKey is not null)
            .Where(d => d.Name != $"{dataset.GetCompany(d.CompanyKey!).Website} - {dataset.GetCompany(d.CompanyKey!).Name}")
            .Select(d => d.Key)
            .ToHashSet();
        var late = new[] { "offersent", "committed", "signed", "closedwon" };
        var missingInn = dataset.Deals
            .Where(d => d.CompanyKey is not null && late.Contains(d.StageKey) && dataset.GetCompany(d.CompanyKey).Inn is null)
            .Select(d => d.Key)
            .ToHashSet();

        Assert.Equal(offConvention, Keys(dataset, DirtKind.OffNamingConvention));
        Assert.Equal(missingInn, Keys(dataset, DirtKind.MissingInn));
        Assert.Equal(dataset.Deals.Where(d => d.Amount is null).Select(d => d.Key).ToHashSet(), Keys(dataset, DirtKind.MissingAmount));
        Assert.Equal(dataset.Deals.Where(d => d.CompanyKey is null).Select(d => d.Key).ToHashSet(), Keys(dataset, DirtKind.MissingCompany));
        Assert.Equal(dataset.Deals.Where(d => d.Status == DealStatus.Won).Select(d => d.Key).ToHashSet(), Keys(dataset, DirtKind.WonDeal));
        Assert.Equal(dataset.Deals.Where(d => d.Status == DealStatus.Lost).Select(d => d.Key).ToHashSet(), Keys(dataset, DirtKind.LostDeal));
    }

    [Theory]
    [InlineData("orion-tech.ru", true)]
    [InlineData("орион.рф", true)]
    [InlineData("https://орион.рф/about", true)]
    [InlineData("http//orion-tech.ru", false)]
    [InlineData("orion tech.ru", false)]
    [InlineData("www,orion-tech.ru", false)]
    [InlineData("oriontech", false)]
    public void IsWellFormedWebsite_Examples(string website, bool expected)
    {
        Assert.Equal(expected, DirtRules.IsWellFormedWebsite(website));
    }

    [Theory]
    [InlineData("+7 (495) 123-45-67", true)]
    [InlineData("+7 916 123-45-67", true)]
    [InlineData("8 (916) 123-45-67", false)]
    [InlineData("+7 916 12-34", false)]
    [InlineData("9161234567 доб. 12", false)]
    public void IsWellFormedPhone_Examples(string phone, bool expected)
    {
        Assert.Equal(expected, DirtRules.IsWellFormedPhone(phone));
    }

    [Theory]
    [InlineData("ivan.petrov@orion-tech.ru", true)]
    [InlineData("ivan.petrov@orion-tech", false)]
    [InlineData("ivan.petrovorion-tech.ru", false)]
    [InlineData("ivan petrov@orion-tech.ru", false)]
    [InlineData("ivan.petrov@@orion-tech.ru", false)]
    public void IsWellFormedEmail_Examples(string email, bool expected)
    {
        Assert.Equal(expected, DirtRules.IsWellFormedEmail(email));
    }

    private static HashSet<string> Keys(SandboxDataset dataset, DirtKind kind) =>
        dataset.Dirt.Where(d => d.Kind == kind).Select(d => d.DealKey).ToHashSet();
}
