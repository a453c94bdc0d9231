using System.Text.Json;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Writes;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Storage.Sqlite;
using CrmBridge.Worker.Hosting;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class HygieneCommandTests
{
    [Fact]
    public async Task Hygiene_OnEverySandboxCrm_FindsExactlyTheSeededDirt()
    {
        await using var fixture = new SandboxFixture();
        var config = new Dictionary<string, string?>(fixture.Config);
        foreach (var crm in fixture.Sandbox.Crms)
        {
            foreach (var (key, value) in ConnectionConfiguration.ToConfiguration(crm.CreateConnectionOptions(Name(crm.Kind))))
            {
                config[key] = value;
            }
        }

        var sync = await CliRun.InvokeAsync(config, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var expected = HygieneTestSupport.Expected(fixture.Sandbox.Dataset);
        Assert.Contains(expected, e => e.Contains(nameof(DirtKind.OffNamingConvention), StringComparison.Ordinal));
        foreach (var crm in fixture.Sandbox.Crms)
        {
            var run = await CliRun.InvokeAsync(config, "hygiene", "--connection", Name(crm.Kind), "--format", "json");

            Assert.True(run.ExitCode == 1, run.ToString());
            var found = HygieneTestSupport.Found(HygieneTestSupport.Findings(run), crm, fixture.Sandbox.Dataset);
            Assert.Equal(expected.Except(found).ToList(), []);
            Assert.Equal(found.Except(expected).ToList(), []);
            Assert.Equal(expected.Count, found.Count);
        }
    }

    [Fact]
    public async Task Hygiene_Table_PrintsCountsByRuleAndOwnerThenFindings()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var run = await CliRun.InvokeAsync(fixture.Config, "hygiene");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Findings by rule", run.Console);
        Assert.Contains("Findings by owner", run.Console);
        Assert.Contains("Field health", run.Console);
        Assert.Contains("deal.source", run.Console);
        Assert.Contains("Open findings", run.Console);
        Assert.Contains(fixture.Sandbox.Dataset.Owners[2].FullName, run.Console);
        Assert.True(run.Console.IndexOf("Findings by rule", StringComparison.Ordinal) < run.Console.IndexOf("Open findings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hygiene_Csv_ListsEveryOpenFinding()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var json = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--format", "json");

        var csv = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--format", "csv");

        Assert.True(csv.ExitCode == 1, csv.ToString());
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("connection,deal_id,rule,check,severity", lines[0], StringComparison.Ordinal);
        Assert.Equal(HygieneTestSupport.Findings(json).Count, lines.Length - 1);
    }

    [Fact]
    public async Task Hygiene_SecondSweep_KeepsFirstSeenAndResolvesWhatWasFixedInTheCrm()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var first = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--format", "json");
        var crm = fixture.Sandbox.HubSpot;
        var dirt = fixture.Sandbox.Dataset.Dirt.First(d => d.Kind == DirtKind.OffNamingConvention);
        var company = fixture.Sandbox.Dataset.GetCompany(fixture.Sandbox.Dataset.GetDeal(dirt.DealKey).CompanyKey!);
        var dealId = crm.GetDealId(dirt.DealKey);
        ((Sandbox.ISandboxCrm)crm).RenameDeal(dealId, DirtRules.ExpectedDealName(company));
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var second = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--format", "json");

        Assert.True(second.ExitCode == 1, second.ToString());
        var sweep = JsonDocument.Parse(second.Output).RootElement.GetProperty("connections")[0].GetProperty("sweep");
        Assert.Equal(0, sweep.GetProperty("opened").GetInt64());
        Assert.Equal(1, sweep.GetProperty("resolved").GetInt64());
        Assert.Equal(HygieneTestSupport.Findings(first).Count - 1, HygieneTestSupport.Findings(second).Count);
        Assert.DoesNotContain(HygieneTestSupport.Findings(second), f => f.GetProperty("dealId").GetString() == dealId && f.GetProperty("rule").GetString() == HygieneRules.Naming);
        var firstSeen = HygieneTestSupport.Findings(first).ToDictionary(f => f.GetProperty("id").GetInt64(), f => f.GetProperty("firstSeenAt").GetString());
        Assert.All(HygieneTestSupport.Findings(second), f => Assert.Equal(firstSeen[f.GetProperty("id").GetInt64()], f.GetProperty("firstSeenAt").GetString()));

        var store = new SqliteCrmStore(fixture.StorePath);
        var history = new List<HygieneFinding>();
        await foreach (var finding in store.StreamFindingsAsync(new HygieneFindingQuery(SandboxFixture.Connection, OpenOnly: false, DealId: dealId), CancellationToken.None))
        {
            history.Add(finding);
        }

        Assert.Contains(history, f => f.Rule == HygieneRules.Naming && f.ResolvedAt is not null);
    }

    [Fact]
    public async Task Hygiene_FixDryRunThenFixThenUndo_RenamesThroughTheAdapterAndRestores()
    {
        await using var fixture = new SandboxFixture(deals: 120);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var crm = fixture.Sandbox.HubSpot;
        var dataset = fixture.Sandbox.Dataset;
        var offConvention = dataset.Dirt
            .Where(d => d.Kind == DirtKind.OffNamingConvention)
            .Select(d => dataset.GetDeal(d.DealKey))
            .Where(d => !dataset.Dirt.Any(x => x.DealKey == d.Key && x.Kind == DirtKind.MalformedWebsite))
            .ToList();
        Assert.NotEmpty(offConvention);
        var before = offConvention.ToDictionary(d => crm.GetDealId(d.Key), d => ((Sandbox.ISandboxCrm)crm).GetDealState(crm.GetDealId(d.Key)).Name);

        var preview = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--fix", "--dry-run");
        Assert.True(preview.ExitCode == 1, preview.ToString());
        Assert.Contains("dry run", preview.Console);
        Assert.All(before, b => Assert.Equal(b.Value, ((Sandbox.ISandboxCrm)crm).GetDealState(b.Key).Name));

        var fix = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--fix", "--format", "json");
        Assert.True(fix.ExitCode == 1, fix.ToString());
        foreach (var deal in offConvention)
        {
            var expected = DirtRules.ExpectedDealName(dataset.GetCompany(deal.CompanyKey!));
            Assert.Equal(expected, ((Sandbox.ISandboxCrm)crm).GetDealState(crm.GetDealId(deal.Key)).Name);
        }

        var store = new SqliteCrmStore(fixture.StorePath);
        var audit = await store.GetAuditEntriesAsync(new AuditQuery(SandboxFixture.Connection), CancellationToken.None);
        var renames = audit.Where(e => e.Operation == AuditOperation.UpdateDeal && e.Outcome == AuditOutcome.Succeeded).ToList();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), renames.Select(e => e.EntityId!).Order(StringComparer.Ordinal));
        Assert.All(renames, e => Assert.Contains(before[e.EntityId!], e.Before!, StringComparison.Ordinal));
        Assert.Equal(before.Count, audit.Count(e => e.Outcome == AuditOutcome.DryRun));

        var one = renames[0];
        var undoOne = await CliRun.InvokeAsync(fixture.Config, "undo", one.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(undoOne.ExitCode == 0, undoOne.ToString());
        Assert.Equal(before[one.EntityId!], ((Sandbox.ISandboxCrm)crm).GetDealState(one.EntityId!).Name);

        var since = renames.Min(e => e.RequestedAt).AddSeconds(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var undoAll = await CliRun.InvokeAsync(fixture.Config, "undo", "--since", since, "--format", "json");
        Assert.True(undoAll.ExitCode == 0, undoAll.ToString());
        Assert.All(before, b => Assert.Equal(b.Value, ((Sandbox.ISandboxCrm)crm).GetDealState(b.Key).Name));
        var results = JsonDocument.Parse(undoAll.Output).RootElement.GetProperty("undone").EnumerateArray().ToList();
        Assert.Single(results, r => r.GetProperty("skipped").GetString()?.Contains("already undone", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Hygiene_FixTwiceBeforeTheNextSync_SendsEachRenameOnce()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var first = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--fix");
        var second = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--fix");

        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.True(second.ExitCode == 1, second.ToString());
        var store = new SqliteCrmStore(fixture.StorePath);
        var renames = (await store.GetAuditEntriesAsync(new AuditQuery(SandboxFixture.Connection), CancellationToken.None))
            .Where(e => e.Operation == AuditOperation.UpdateDeal).ToList();
        Assert.NotEmpty(renames);
        Assert.All(renames, e => Assert.Equal(AuditOutcome.Succeeded, e.Outcome));
        Assert.Equal(renames.Count, renames.Select(e => e.EntityId).Distinct().Count());

        // The next sync brings the renamed deals: the findings resolve and nothing is left to send.
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        await CliRun.InvokeAsync(fixture.Config, "hygiene", "--fix");
        var after = (await store.GetAuditEntriesAsync(new AuditQuery(SandboxFixture.Connection), CancellationToken.None))
            .Count(e => e.Operation == AuditOperation.UpdateDeal);
        Assert.Equal(renames.Count, after);
    }

    [Fact]
    public async Task Hygiene_Tasks_CreatesOneTaskPerUnfixableFindingAndNeverASecond()
    {
        await using var fixture = new SandboxFixture(deals: 60);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);

        var first = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--tasks", "--format", "json");
        var second = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--tasks", "--format", "json");

        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.True(second.ExitCode == 1, second.ToString());
        var tasksFirst = JsonDocument.Parse(first.Output).RootElement.GetProperty("connections")[0].GetProperty("tasks").EnumerateArray().ToList();
        var tasksSecond = JsonDocument.Parse(second.Output).RootElement.GetProperty("connections")[0].GetProperty("tasks").EnumerateArray().ToList();
        Assert.NotEmpty(tasksFirst);
        Assert.All(tasksFirst, t => Assert.False(t.GetProperty("alreadyDone").GetBoolean()));
        Assert.All(tasksSecond, t => Assert.True(t.GetProperty("alreadyDone").GetBoolean()));
        Assert.Equal(tasksFirst.Count, tasksSecond.Count);
        Assert.Equal(HygieneTestSupport.Findings(first).Count, tasksFirst.Count);

        var store = new SqliteCrmStore(fixture.StorePath);
        var created = (await store.GetAuditEntriesAsync(new AuditQuery(SandboxFixture.Connection, Outcome: AuditOutcome.Succeeded), CancellationToken.None))
            .Where(e => e.Operation == AuditOperation.CreateTask).ToList();
        Assert.Equal(tasksFirst.Count, created.Count);
        Assert.Equal(created.Count, created.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.Contains(tasksFirst, t => t.GetProperty("subject").GetString() == "Fill in the company's INN");
    }

    [Fact]
    public async Task Hygiene_EveryRuleOff_ExitsZero()
    {
        await using var fixture = new SandboxFixture(deals: 30);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var config = new Dictionary<string, string?>(fixture.Config);
        foreach (var rule in HygieneRules.All)
        {
            config[$"CrmBridge:Hygiene:Rules:{rule}"] = "false";
        }

        var run = await CliRun.InvokeAsync(config, "hygiene");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No findings", run.Console);
    }

    [Fact]
    public async Task Hygiene_UnknownConnection_ExitsTwo()
    {
        await using var fixture = new SandboxFixture(deals: 10);

        var run = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--connection", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection nope", run.Error);
    }

    [Fact]
    public async Task Hygiene_BadConfiguration_ExitsTwoNamingTheKey()
    {
        await using var fixture = new SandboxFixture(deals: 10);
        var config = new Dictionary<string, string?>(fixture.Config)
        {
            ["CrmBridge:Hygiene:Rules:spelling"] = "true",
            ["CrmBridge:Hygiene:PhoneRegion"] = "XX",
            ["CrmBridge:Hygiene:NamingTemplate"] = "{company name}",
        };

        var run = await CliRun.InvokeAsync(config, "hygiene");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Hygiene:Rules:spelling", run.Error);
        Assert.Contains("CrmBridge:Hygiene:PhoneRegion 'XX'", run.Error);
        Assert.Contains("CrmBridge:Hygiene:NamingTemplate", run.Error);
    }

    private static string Name(Core.Model.CrmKind kind) => $"hygiene-{kind}".ToLowerInvariant();
}
