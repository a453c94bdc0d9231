using System.Text.Json;
using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Worker.Hosting;

namespace CrmBridge.Worker.Tests.Cli;

/// <summary>
/// After one full sync of every sandbox CRM, the funnel equals what the seeded dataset implies, computed here from the
/// seed alone: each deal was observed once, in its current stage, so a deal reached every open stage up to its current
/// one (at least the first), a won deal all of them, and a lost deal the stage its CRM keeps it in (if open).
/// </summary>
public sealed class FunnelSandboxTests
{
    private const int Deals = 240;

    [Fact]
    public async Task Funnel_AfterSyncOfEverySandboxCrm_MatchesTheSeededDataset()
    {
        await using var fixture = new SandboxFixture(Deals);
        var config = ConfigureEveryCrm(fixture);
        var sync = await CliRun.InvokeAsync(config, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var run = await CliRun.InvokeAsync(config, "funnel", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var reports = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("connection").GetString()!);
        Assert.Equal(fixture.Sandbox.Crms.Count, reports.Count);
        foreach (var crm in fixture.Sandbox.Crms)
        {
            var report = reports[Name(crm)];
            var now = report.GetProperty("generatedAt").GetDateTimeOffset();
            var pipeline = Assert.Single(report.GetProperty("pipelines").EnumerateArray());
            var expected = Expect(fixture.Sandbox.Dataset, crm, fixture.Sandbox.Dataset.Deals, now);
            AssertFigures(crm, expected, pipeline.GetProperty("overall"));

            var owners = pipeline.GetProperty("owners").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
            foreach (var group in fixture.Sandbox.Dataset.Deals.GroupBy(d => fixture.Sandbox.Dataset.GetOwner(d.OwnerKey).FullName))
            {
                var outcome = owners[group.Key].GetProperty("outcome");
                var won = group.Count(d => d.Status == DealStatus.Won);
                var lost = group.Count(d => d.Status == DealStatus.Lost);
                Assert.Equal((group.Count(), won, lost), (outcome.GetProperty("deals").GetInt32(), outcome.GetProperty("won").GetInt32(), outcome.GetProperty("lost").GetInt32()));
            }

            var candidates = pipeline.GetProperty("reactivation").EnumerateArray()
                .Select(c => crm.FindDealKey(c.GetProperty("dealId").GetString()!)!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Reactivation, candidates);
        }
    }

    [Fact]
    public async Task Funnel_WithPeriodAndMonthCohorts_CountsOnlyDealsCreatedInThePeriodPerMonth()
    {
        await using var fixture = new SandboxFixture(Deals);
        var config = ConfigureEveryCrm(fixture);
        Assert.Equal(0, (await CliRun.InvokeAsync(config, "sync")).ExitCode);
        var dataset = fixture.Sandbox.Dataset;
        var from = DateOnly.FromDateTime(dataset.Now.UtcDateTime.AddDays(-150));
        var to = DateOnly.FromDateTime(dataset.Now.UtcDateTime.AddDays(-30));

        var run = await CliRun.InvokeAsync(config, "funnel", "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--cohort", "month", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var inPeriod = dataset.Deals.Where(d => d.CreatedAt >= start && d.CreatedAt < end).ToList();
        foreach (var report in JsonDocument.Parse(run.Output).RootElement.EnumerateArray())
        {
            var crm = fixture.Sandbox.Crms.Single(c => Name(c) == report.GetProperty("connection").GetString());
            var now = report.GetProperty("generatedAt").GetDateTimeOffset();
            var pipeline = report.GetProperty("pipelines")[0];
            AssertFigures(crm, Expect(dataset, crm, inPeriod, now), pipeline.GetProperty("overall"));
            var cohorts = pipeline.GetProperty("cohorts").EnumerateArray().ToList();
            var months = inPeriod.GroupBy(d => d.CreatedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(months.Select(m => m.Key), cohorts.Select(c => c.GetProperty("cohort").GetString()));
            for (var i = 0; i < months.Count; i++)
            {
                AssertFigures(crm, Expect(dataset, crm, [.. months[i]], now), cohorts[i].GetProperty("figures"));
            }
        }
    }

    [Fact]
    public async Task Funnel_ByCompanyIndustry_GroupsDealsByTheirCompanysIndustry()
    {
        await using var fixture = new SandboxFixture(Deals);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "funnel", "--cohort", CanonicalFields.CompanyIndustry, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var dataset = fixture.Sandbox.Dataset;
        var expected = dataset.Deals
            .GroupBy(d => d.CompanyKey is null ? FunnelCohort.NoValue : dataset.GetCompany(d.CompanyKey).Industry ?? FunnelCohort.NoValue)
            .ToDictionary(g => g.Key, g => g.Count());
        var cohorts = JsonDocument.Parse(run.Output).RootElement[0].GetProperty("pipelines")[0].GetProperty("cohorts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("cohort").GetString()!, c => c.GetProperty("figures").GetProperty("deals").GetInt32());
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), cohorts.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    internal static Dictionary<string, string?> ConfigureEveryCrm(SandboxFixture fixture)
    {
        var config = new Dictionary<string, string?>(fixture.Config, StringComparer.OrdinalIgnoreCase);
        foreach (var crm in fixture.Sandbox.Crms)
        {
            foreach (var (key, value) in ConnectionConfiguration.ToConfiguration(crm.CreateConnectionOptions()))
            {
                config[key] = value;
            }
        }

        return config;
    }

    internal static string Name(ISandboxCrm crm) => crm.CreateConnectionOptions().Name;

    private static void AssertFigures(ISandboxCrm crm, Expected expected, JsonElement figures)
    {
        var stages = figures.GetProperty("stages").EnumerateArray().ToList();
        var because = $"{crm.Kind}";
        Assert.Equal(expected.Deals, figures.GetProperty("deals").GetInt32());
        Assert.True(expected.Reached.SequenceEqual(stages.Select(s => s.GetProperty("reached").GetInt32())), because + " reached: " + string.Join(",", stages.Select(s => s.GetProperty("reached").GetInt32())));
        Assert.Equal(expected.Skipped, stages.Select(s => s.GetProperty("skipped").GetInt32()));
        Assert.Equal(expected.InStageNow, stages.Select(s => s.GetProperty("inStageNow").GetInt32()));
        for (var i = 0; i < stages.Count - 1; i++)
        {
            var conversion = stages[i].GetProperty("conversionToNext");
            if (expected.Reached[i] == 0)
            {
                Assert.Equal(JsonValueKind.Null, conversion.ValueKind);
            }
            else
            {
                Assert.Equal((double)expected.Reached[i + 1] / expected.Reached[i], conversion.GetDouble(), 9);
            }
        }

        var outcome = figures.GetProperty("outcome");
        Assert.Equal((expected.Won, expected.Lost), (outcome.GetProperty("won").GetInt32(), outcome.GetProperty("lost").GetInt32()));
        var lost = figures.GetProperty("lost");
        Assert.Equal(expected.ByReason, lost.GetProperty("byReason").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("deals").GetInt32())));
        Assert.All(lost.GetProperty("byReason").EnumerateArray(), r => Assert.Equal(r.GetProperty("reason").ValueKind != JsonValueKind.Null, r.GetProperty("listed").GetBoolean()));
        Assert.Equal(expected.ByStage, lost.GetProperty("byStage").EnumerateArray().Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("deals").GetInt32())));
    }

    /// <summary>The funnel the seed implies for one CRM: where the CRM keeps each deal's stage follows from the seeded stage.</summary>
    private static Expected Expect(SandboxDataset dataset, ISandboxCrm crm, IReadOnlyList<SandboxDeal> deals, DateTimeOffset now)
    {
        var sales = dataset.SalesPipeline;
        var open = sales.Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).ToList();
        var rankById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < open.Count; i++)
        {
            rankById.TryAdd(crm.GetStageId(sales.Key, open[i].Key), i);
        }

        var reached = new int[open.Count + 1];
        var observed = new int[open.Count + 1];
        var inStage = new int[open.Count + 1];
        var lostFrom = new SortedDictionary<int, int>();
        var lostUnknown = 0;
        var reactivation = new List<string>();
        foreach (var deal in deals)
        {
            int? rank = rankById.TryGetValue(crm.GetStageId(sales.Key, deal.StageKey), out var r) ? r : null;
            var through = deal.Status == DealStatus.Won ? open.Count - 1 : Math.Max(rank ?? 0, 0);
            for (var i = 0; i <= through; i++)
            {
                reached[i]++;
            }

            if (rank is { } seen)
            {
                observed[seen]++;
            }

            if (deal.Status == DealStatus.Won)
            {
                reached[open.Count]++;
            }
            else if (deal.Status == DealStatus.Open)
            {
                inStage[rank!.Value]++;
            }
            else
            {
                if (rank is { } from)
                {
                    lostFrom[from] = lostFrom.GetValueOrDefault(from) + 1;
                }
                else
                {
                    lostUnknown++;
                }

                var reassignable = deal.LostReason is "Contacts not found" or "No answer";
                var competitor = FunnelOptions.DefaultCompetitorReasons.Contains(deal.LostReason) && now - deal.ClosedAt!.Value > TimeSpan.FromDays(180);
                if (reassignable || competitor)
                {
                    reactivation.Add(deal.Key);
                }
            }
        }

        var lostDeals = deals.Where(d => d.Status == DealStatus.Lost).ToList();
        var byReason = FunnelOptions.DefaultLossReasons
            .Select(reason => ((string?)reason, lostDeals.Count(d => d.LostReason == reason)))
            .Where(r => r.Item2 > 0)
            .Append((null, lostDeals.Count(d => d.LostReason is null)))
            .Where(r => r.Item2 > 0)
            .ToList();
        var byStage = lostFrom.Select(s => (open[s.Key].Name, s.Value)).ToList();
        if (lostUnknown > 0)
        {
            byStage.Add(("(unknown)", lostUnknown));
        }

        return new Expected(
            deals.Count,
            reached,
            [.. reached.Select((count, i) => i == open.Count ? 0 : count - observed[i])],
            inStage,
            deals.Count(d => d.Status == DealStatus.Won),
            lostDeals.Count,
            byReason,
            byStage,
            [.. reactivation.Order(StringComparer.Ordinal)]);
    }

    private sealed record Expected(
        int Deals,
        int[] Reached,
        int[] Skipped,
        int[] InStageNow,
        int Won,
        int Lost,
        List<(string? Reason, int Deals)> ByReason,
        List<(string Stage, int Deals)> ByStage,
        List<string> Reactivation);
}
