using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Hygiene.Sweep;
using CrmBridge.Core.Model;
using CrmBridge.TestKit;

namespace CrmBridge.Core.Tests.Hygiene;

/// <summary>Each rule over one deal with its company and contacts, through the compiled rule set the sweeper uses.</summary>
public sealed class RuleTests
{
    private const string Connection = "test";

    private static readonly Pipeline Sales = new(Connection, "sales", "Sales", 0,
    [
        new Stage("new", "sales", "Unsorted", 1, StageOutcome.Open),
        new Stage("test", "sales", "Test started", 2, StageOutcome.Open),
        new Stage("offer", "sales", "Offer sent", 3, StageOutcome.Open),
        new Stage("signed", "sales", "Signed", 4, StageOutcome.Open),
        new Stage("won", "sales", "Won", 5, StageOutcome.Won),
        new Stage("lost", "sales", "Lost", 6, StageOutcome.Lost),
    ]);

    private static readonly Company Orion = new()
    {
        Connection = Connection, ExternalId = "c1", Name = "Орион Тех", Website = "orion-tech.ru", Inn = "7707083893", Phone = "+7 (912) 345-67-89",
    };

    private static readonly Contact Ivan = new()
    {
        Connection = Connection, ExternalId = "p1", FullName = "Иван Петров", Email = "ivan@orion-tech.ru", Phone = "+7 912 345-67-89", CompanyId = "c1",
    };

    [Fact]
    public void Evaluate_CleanDeal_FindsNothing() => Assert.Empty(Evaluate(Clean().Build(), Orion, Ivan));

    [Fact]
    public void Evaluate_MissingAmountAndOwner_AreRequiredOnEveryDeal()
    {
        var deal = Clean().Build() with { Amount = null, OwnerId = null };

        var findings = Evaluate(deal, Orion);

        Assert.Equal(["deal.amount", "deal.owner"], findings.Where(f => f.Rule == HygieneRules.RequiredFields).Select(f => f.Field).Order());
    }

    [Theory]
    [InlineData("new", false)]
    [InlineData("test", false)]
    [InlineData("offer", true)]
    [InlineData("signed", true)]
    [InlineData("won", true)]
    [InlineData("lost", false)]
    public void Evaluate_CompanyWithoutInn_IsFoundFromTheStageAfterTestStarted(string stage, bool found)
    {
        var status = stage switch { "won" => DealStatus.Won, "lost" => DealStatus.Lost, _ => DealStatus.Open };
        var deal = Clean().InStage("sales", stage).WithStatus(status).Build() with { LostReason = status == DealStatus.Lost ? "No answer" : null };

        var findings = Evaluate(deal, Orion with { Inn = null });

        var missing = findings.Where(f => f.Field == CanonicalFields.CompanyInn).ToList();
        Assert.Equal(found, missing.Count == 1);
        Assert.All(missing, f =>
        {
            Assert.Equal(HygieneSubjects.Company, f.Subject);
            Assert.Equal("c1", f.SubjectId);
            Assert.Contains("'Test started'", f.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Evaluate_WonWhileInAnOpenStage_MustMeetThatStagesCriteriaToo()
    {
        var options = new HygieneOptions { StageExitCriteria = new() { ["Offer sent"] = ["deal.source"] } };
        var won = Clean().InStage("sales", "offer").WithStatus(DealStatus.Won).Build();
        var open = Clean().InStage("sales", "offer").Build();

        Assert.Contains(Evaluate(won, Orion, options: options), f => f.Field == "deal.source");
        Assert.DoesNotContain(Evaluate(open, Orion, options: options), f => f.Field == "deal.source");
    }

    [Fact]
    public void Evaluate_LostWithoutReasonOrWithAnUnknownOne_IsFound()
    {
        var lost = Clean().InStage("sales", "lost").WithStatus(DealStatus.Lost).Build();

        Assert.Contains(Evaluate(lost, Orion), f => f.Rule == HygieneRules.RequiredFields && f.Field == HygieneFields.DealLostReason);
        Assert.Contains(Evaluate(lost with { LostReason = "Too expensive" }, Orion), f => f.Rule == HygieneRules.AllowedValues && f.Check == HygieneChecks.NotAllowed);
        Assert.Empty(Evaluate(lost with { LostReason = " no answer " }, Orion));
    }

    [Fact]
    public void Evaluate_DealWithoutCompany_IsOneNamingFindingNotOnePerCompanyField()
    {
        var deal = Clean().InStage("sales", "offer").Build() with { CompanyId = null, Name = "Входящая заявка" };

        var finding = Assert.Single(Evaluate(deal, company: null));

        Assert.Equal((HygieneRules.Naming, HygieneChecks.NoCompany), (finding.Rule, finding.Check));
    }

    [Fact]
    public void Evaluate_CompanyWithoutWebsite_IsItsOwnFinding()
    {
        var finding = Assert.Single(Evaluate(Clean().Build(), Orion with { Website = null }));

        Assert.Equal((HygieneRules.Naming, HygieneChecks.NoWebsite, HygieneSubjects.Company), (finding.Rule, finding.Check, finding.Subject));
    }

    [Fact]
    public void Evaluate_OffConvention_ProposesTheConventionalNameAsFix()
    {
        var finding = Assert.Single(Evaluate(Clean().WithName("Сделка Орион Тех").Build(), Orion with { Website = "https://www.Orion-Tech.ru/" }));

        Assert.Equal(HygieneChecks.OffConvention, finding.Check);
        Assert.Equal("orion-tech.ru - Орион Тех", finding.FixValue);
        Assert.True(finding.CanFix);
    }

    [Fact]
    public void Evaluate_OffConventionWithMalformedWebsite_HasNoFix()
    {
        var findings = Evaluate(Clean().WithName("Орион Тех").Build(), Orion with { Website = "orion tech.ru" });

        Assert.Null(Assert.Single(findings, f => f.Rule == HygieneRules.Naming).FixValue);
        Assert.Single(findings, f => f.Rule == HygieneRules.WebsiteFormat);
    }

    [Fact]
    public void Evaluate_CompanyAndContactFormats_AreFoundOnTheirRecords()
    {
        var company = Orion with { Inn = "7707083894", Phone = "8 (912) 345-67-89" };
        var contact = Ivan with { Email = "ivan@@orion-tech.ru", Phone = "+7 912 34-56" };

        var findings = Evaluate(Clean().Build(), company, contact);

        Assert.Contains(findings, f => f is { Rule: HygieneRules.InnFormat, Check: HygieneChecks.Invalid, SubjectId: "c1" });
        Assert.Contains(findings, f => f is { Rule: HygieneRules.PhoneFormat, Check: HygieneChecks.NationalFormat, SubjectId: "c1", FixValue: "+79123456789" });
        Assert.Contains(findings, f => f is { Rule: HygieneRules.EmailFormat, Check: HygieneChecks.Invalid, SubjectId: "p1" });
        Assert.Contains(findings, f => f is { Rule: HygieneRules.PhoneFormat, Check: HygieneChecks.Invalid, SubjectId: "p1" });
        Assert.All(findings, f => Assert.False(f.CanFix));
    }

    [Fact]
    public void Evaluate_ConfiguredDealFieldFormats_FindAndFixUnambiguousOnes()
    {
        var options = new HygieneOptions
        {
            FieldFormats = new() { ["deal.budget"] = "Number", ["deal.signed_on"] = "Date", ["deal.phone"] = "Phone" },
        };
        var deal = Clean().WithField("deal.budget", "lots").WithField("deal.signed_on", "05.01.2024").WithField("deal.phone", "8 912 345 67 89").Build();

        var findings = Evaluate(deal, Orion, options: options);

        Assert.Contains(findings, f => f is { Field: "deal.budget", Check: HygieneChecks.NotANumber, FixValue: null });
        Assert.Contains(findings, f => f is { Field: "deal.signed_on", Check: HygieneChecks.NotIsoDate, FixValue: "2024-01-05", CanFix: true });
        Assert.Contains(findings, f => f is { Field: "deal.phone", Check: HygieneChecks.NationalFormat, FixValue: "+79123456789", CanFix: true });
    }

    [Fact]
    public void Evaluate_RulesOffPerPipeline_AreSkippedOnlyThere()
    {
        var options = new HygieneOptions();
        options.Connections[Connection] = new HygieneConnectionOptions
        {
            Pipelines = { ["Sales"] = new HygieneRuleSetOptions { Rules = { [HygieneRules.Naming] = false } } },
        };
        var deal = Clean().WithName("whatever").Build();

        Assert.Empty(Evaluate(deal, Orion, options: options));
        Assert.Single(Evaluate(deal with { PipelineId = "other" }, Orion, options: options));
    }

    [Fact]
    public void Evaluate_Garbage_BecomesFindingsNotAnException()
    {
        var huge = new string('я', 5000);
        var deal = Clean().WithName(huge).WithField("deal.source", "\u0000🚀 emoji \u001b[31m").Build() with { OwnerId = "", Currency = null };
        var company = Orion with { Name = "🚀", Website = "🚀.рф", Inn = huge, Phone = "☎️" };
        var contact = Ivan with { Email = "", Phone = null, FullName = "" };

        var findings = Evaluate(deal, company, contact);

        Assert.Contains(findings, f => f is { Check: HygieneChecks.Oversized, Field: HygieneFields.DealName });
        Assert.Contains(findings, f => f is { Check: HygieneChecks.Oversized, Field: CanonicalFields.CompanyInn });
        Assert.Contains(findings, f => f is { Rule: HygieneRules.RequiredFields, Field: HygieneFields.DealOwner });
        Assert.Contains(findings, f => f is { Rule: HygieneRules.PhoneFormat, SubjectId: "c1" });
        Assert.All(findings, f => Assert.True(f.Detail.Length < 700));
        Assert.All(findings, f => Assert.DoesNotContain('\u0000', f.Detail));
    }

    [Fact]
    public void CrossDealRules_SameNameOnDealsOfDifferentCompanies_FlagsEveryOneOfThem()
    {
        var sink = new FindingSink();
        var rules = Compile(new HygieneOptions());
        var cross = new CrossDealRules(Connection, sink, 10, names: true, companies: false);
        Deal[] deals =
        [
            Clean().WithId("1").WithName("Orion").WithCompany("a").Build(),
            Clean().WithId("2").WithName("orion ").WithCompany("a").Build(),
            Clean().WithId("3").WithName("Vector").WithCompany("b").Build(),
            Clean().WithId("4").WithName("ORION").WithCompany("b").Build(),
            Clean().WithId("5").WithName("Orion").WithCompany("c").Build(),
        ];

        for (var i = 0; i < deals.Length; i++)
        {
            cross.Observe(deals[i], rules.For("sales"), i);
        }

        Assert.True(cross.NeedsSecondPass);
        for (var i = 0; i < deals.Length; i++)
        {
            cross.Revisit(deals[i], i);
        }

        Assert.Equal(["1", "2", "4", "5"], sink.Chunk.Select(f => f.DealId).Order());
        Assert.All(sink.Chunk, f => Assert.Equal((HygieneRules.DuplicateNames, HygieneChecks.Duplicate), (f.Rule, f.Check)));
    }

    [Fact]
    public void CrossDealRules_SeveralOpenDealsOfOneCompany_AreReportedWhenTheRuleIsOn()
    {
        var sink = new FindingSink();
        var options = new HygieneOptions { Rules = { [HygieneRules.OpenDealsPerCompany] = true, [HygieneRules.DuplicateNames] = false } };
        var rules = Compile(options);
        var cross = new CrossDealRules(Connection, sink, 10, names: false, companies: true);
        Deal[] deals =
        [
            Clean().WithId("1").WithCompany("a").Build(),
            Clean().WithId("2").WithCompany("a").WithStatus(DealStatus.Won).Build(),
            Clean().WithId("3").WithCompany("b").Build(),
            Clean().WithId("4").WithCompany("a").Build(),
        ];

        for (var i = 0; i < deals.Length; i++)
        {
            cross.Observe(deals[i], rules.For("sales"), i);
        }

        Assert.Equal(["1", "4"], sink.Chunk.Select(f => f.DealId).Order());
        Assert.False(HygieneRules.IsOnByDefault(HygieneRules.OpenDealsPerCompany));
    }

    private static DealBuilder Clean() => new DealBuilder()
        .WithConnection(Connection)
        .WithName("orion-tech.ru - Орион Тех")
        .InStage("sales", "new")
        .WithAmount(100_000m)
        .WithOwner("o1")
        .WithCompany("c1")
        .WithContacts("p1");

    private static CompiledRules Compile(HygieneOptions options) => HygieneRuleCompiler.Compile(options, Connection, [Sales]);

    private static List<HygieneFinding> Evaluate(Deal deal, Company? company, Contact? contact = null, HygieneOptions? options = null)
    {
        var sink = new FindingSink();
        var rules = Compile(options ?? new HygieneOptions());
        new DealEvaluator(Connection, sink).Evaluate(deal, company, contact is null ? [] : [contact], rules.For(deal.PipelineId));
        return sink.Chunk;
    }
}
