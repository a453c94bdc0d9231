using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;
using Xunit.Abstractions;

namespace CrmBridge.Resilience.Tests.Crash;

/// <summary>
/// The real worker process is killed (SIGKILL) at random points, again and again, and restarted: the store must stay
/// consistent after every kill, and once a run is let finish, nothing may be lost or written twice to a CRM.
/// Iterations: <see cref="CrashSettings"/> (a few in CI, 50 in the documented full run).
/// </summary>
[Trait("Category", "Crash")]
public sealed class CrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Sync_KilledAtRandomPoints_KeepsTheStoreConsistentAndEndsWithTheFaultFreeStore()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 1200 });
        using var directory = new TempDirectory();
        var storePath = directory.File("crash.db");
        var configuration = WorkerConfiguration.ForSandbox(sandbox, storePath);
        var connections = sandbox.Crms.Select(c => c.CreateConnectionOptions().Name).ToList();
        // Timed on a store that already holds the deals, as every run but the first meets it: a first sync, which also
        // inserts everything, takes longer, and kill points drawn from its length would mostly fall after the end.
        var timing = WorkerConfiguration.ForSandbox(sandbox, directory.File("timing.db"));
        await FinishAsync(directory, timing, "sync", "--full");
        var duration = await TimeOneRunAsync(directory, timing, "sync", "--full");
        var random = new Random(CrashSettings.Seed);
        var kills = 0;
        var store = new SqliteCrmStore(storePath);

        for (var i = 0; i < CrashSettings.Iterations; i++)
        {
            if (i % 3 == 2)
            {
                foreach (var crm in sandbox.Crms)
                {
                    CrmChanges.Apply(sandbox, crm, moves: 4, renames: 2, removals: 1, offset: i * 8);
                }
            }

            // Mostly full runs, whose length is known; every third an incremental one, which may well finish in time.
            var full = i % 3 != 2;
            var killed = await RunAndKillAsync(directory, configuration, duration, random, full ? ["sync", "--full"] : ["sync"]);
            kills += killed && full ? 1 : 0;
            var problems = await StoreConsistency.CheckAsync(storePath, store, connections);
            Assert.True(problems.Count == 0, $"after run {i + 1} ({(killed ? "killed" : "finished")}): {string.Join("; ", problems.Take(5))}");
        }

        await FinishAsync(directory, configuration, "sync");
        await FinishAsync(directory, configuration, "sync", "--full");
        output.WriteLine($"{CrashSettings.Iterations} runs, {kills} full runs killed mid-way (seed {CrashSettings.Seed}); one full run takes {duration.TotalSeconds:0.0} s");
        var fullRuns = Enumerable.Range(0, CrashSettings.Iterations).Count(i => i % 3 != 2);
        Assert.True(kills >= fullRuns / 2, $"only {kills} of {fullRuns} full runs were killed before they ended");

        foreach (var crm in sandbox.Crms)
        {
            await using var reference = new ResilienceHost(crm, directory.File($"reference-{crm.Kind}.db"));
            await reference.InitializeAsync();
            await reference.SyncAsync(full: true);
            var want = WithoutTransitions(await StoreSnapshot.ReadAsync(reference.Store, reference.Connection.Name));
            var got = WithoutTransitions(await StoreSnapshot.ReadAsync(store, reference.Connection.Name));
            Assert.Equal(crm.DealCount, want.DealCount);
            Assert.True(want.Difference(got) is null, $"{crm.Kind}: {want.Difference(got)}");
        }
    }

    [Fact]
    public async Task ClientSuccessCarryOver_KilledAtRandomPoints_CopiesEachWonDealExactlyOnce()
    {
        var expected = await CarryOverCopiesAsync(kill: false);
        var actual = await CarryOverCopiesAsync(kill: true);

        Assert.All(expected, e => Assert.True(e.Value > 0, $"{e.Key}: the fault-free carry-over copied nothing"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task HygieneFix_KilledAtRandomPoints_FixesEverythingAndCreatesNoExtraDealOrTask()
    {
        var expected = await HygieneWritesAsync(kill: false);
        var actual = await HygieneWritesAsync(kill: true);

        foreach (var (crm, want) in expected)
        {
            output.WriteLine($"{crm}: tasks {want.Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} without kills, {actual[crm].Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} after kills");
        }

        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value.Fixes), actual.ToDictionary(e => e.Key, e => e.Value.Fixes));
        Assert.All(expected, e => Assert.True(e.Value.Tasks is not null, $"{e.Key}: the sandbox does not expose its tasks"));
        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value.Tasks), actual.ToDictionary(e => e.Key, e => e.Value.Tasks));
    }

    /// <summary>Per CRM: CRM deals added by carry-over, after kills (or none) and one run let finish, then a second finishing run.</summary>
    private async Task<SortedDictionary<string, int>> CarryOverCopiesAsync(bool kill)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 300 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("cs.db"));
        configuration["CrmBridge:ClientSuccess:ClaimLease"] = "00:00:30";
        await FinishAsync(directory, configuration, "sync", "--full");
        var before = sandbox.Crms.ToDictionary(c => c.Kind, c => c.DealCount);
        if (kill)
        {
            var duration = await TimeOneRunAsync(directory, configuration, "cs", "carry-over", "--dry-run");
            var random = new Random(CrashSettings.Seed + 1);
            var kills = 0;
            for (var i = 0; i < CrashSettings.Iterations; i++)
            {
                kills += await RunAndKillAsync(directory, configuration, duration * 3, random, ["cs", "carry-over"]) ? 1 : 0;
            }

            output.WriteLine($"carry-over: {CrashSettings.Iterations} runs, {kills} killed mid-way; waiting out the claim lease");
            await Task.Delay(TimeSpan.FromSeconds(31));
        }

        await FinishAsync(directory, configuration, "cs", "carry-over");
        await FinishAsync(directory, configuration, "cs", "carry-over");
        return new SortedDictionary<string, int>(sandbox.Crms.ToDictionary(c => c.Kind.ToString(), c => c.DealCount - before[c.Kind]), StringComparer.Ordinal);
    }

    /// <summary>Per CRM: the deal names and count after hygiene fixes, and the tasks created, after kills (or none) and one run let finish.</summary>
    private async Task<SortedDictionary<string, (string Fixes, int? Tasks)>> HygieneWritesAsync(bool kill)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 300 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("hygiene.db"));
        await FinishAsync(directory, configuration, "sync", "--full");
        if (kill)
        {
            var duration = await TimeOneRunAsync(directory, configuration, "hygiene", "--dry-run", "--tasks");
            var random = new Random(CrashSettings.Seed + 2);
            var kills = 0;
            for (var i = 0; i < CrashSettings.Iterations; i++)
            {
                kills += await RunAndKillAsync(directory, configuration, duration * 3, random, ["hygiene", "--fix", "--tasks"]) ? 1 : 0;
            }

            output.WriteLine($"hygiene: {CrashSettings.Iterations} runs, {kills} killed mid-way");
        }

        await FinishAsync(directory, configuration, "hygiene", "--fix", "--tasks");
        await FinishAsync(directory, configuration, "hygiene", "--fix", "--tasks");
        if (kill)
        {
            // Task writes a kill left in doubt (intent recorded, outcome never): each was settled by the audit log or by the CRM's marker.
            await using var store = new SqliteCrmStore(directory.File("hygiene.db"));
            var audit = await store.GetAuditEntriesAsync(new Core.Writes.AuditQuery(Limit: 1_000_000), CancellationToken.None);
            var inDoubt = audit.Where(e => e.EntityType == "task" && e.Outcome == Core.Writes.AuditOutcome.Pending).Select(e => (e.Connection, e.IdempotencyKey)).ToHashSet();
            var settled = audit.Count(e => e.Outcome == Core.Writes.AuditOutcome.Succeeded && inDoubt.Contains((e.Connection, e.IdempotencyKey)));
            output.WriteLine($"hygiene: {inDoubt.Count} task writes left in doubt by kills, {settled} of them settled as succeeded");
        }
        var result = new SortedDictionary<string, (string, int?)>(StringComparer.Ordinal);
        foreach (var crm in sandbox.Crms)
        {
            var names = string.Join("|", sandbox.Dataset.Deals.Select(d => crm.GetDealState(crm.GetDealId(d.Key)).Name));
            result[crm.Kind.ToString()] = ($"deals {crm.DealCount}, names #{names.GetHashCode(StringComparison.Ordinal)}", SandboxProbe.Tasks(crm));
        }

        return result;
    }

    private static async Task<TimeSpan> TimeOneRunAsync(TempDirectory directory, IReadOnlyDictionary<string, string?> configuration, params string[] args)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, RunTimeout, args);
        Assert.True(worker.ExitCode is 0 or 1, worker.ToString());
        return stopwatch.Elapsed;
    }

    /// <summary>Starts a run and kills it after a random share of <paramref name="duration"/>; true when it was still running.</summary>
    private static async Task<bool> RunAndKillAsync(TempDirectory directory, IReadOnlyDictionary<string, string?> configuration, TimeSpan duration, Random random, string[] args)
    {
        using var worker = WorkerProcess.Start(directory.Path, configuration, args);
        var delay = duration * (0.1 + (random.NextDouble() * 0.9));
        if (await worker.WaitAsync(delay))
        {
            Assert.True(worker.ExitCode is 0 or 1 or 2, worker.ToString());
            return false;
        }

        worker.Kill();
        return true;
    }

    private static async Task FinishAsync(TempDirectory directory, IReadOnlyDictionary<string, string?> configuration, params string[] args)
    {
        using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, RunTimeout, args);
        Assert.True(worker.ExitCode is 0 or 1, $"crmbridge {string.Join(' ', args)}: {worker}");
    }

    private static StoreSnapshot WithoutTransitions(StoreSnapshot snapshot) =>
        new([.. snapshot.Lines.Where(l => !l.StartsWith("transition ", StringComparison.Ordinal))]);
}
