using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;
using Xunit.Abstractions;

namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>
/// The jobs that write to the CRM (Client Success carry-over, hygiene fixes and tasks) and the cemetery scan, run by the
/// real executable against CRMs that fail one request in five: each run completes or fails cleanly (exit code and a
/// message, no stack trace), the next runs finish the work, and the CRMs end as after fault-free runs.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FaultyJobTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Jobs_AtTwentyPercentFaults_FailCleanlyAndTheNextRunsFinishTheWork()
    {
        var expected = await RunJobsAsync(faults: false);
        var actual = await RunJobsAsync(faults: true);

        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value.State), actual.ToDictionary(e => e.Key, e => e.Value.State));
        foreach (var (crm, want) in expected)
        {
            output.WriteLine($"{crm}: tasks {want.Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} fault-free, {actual[crm].Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} with faults");
        }

        // A task whose answer was lost is found again by its marker, never created twice.
        Assert.All(expected, e => Assert.True(e.Value.Tasks is not null, $"{e.Key}: the sandbox does not expose its tasks"));
        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value.Tasks), actual.ToDictionary(e => e.Key, e => e.Value.Tasks));
    }

    private async Task<SortedDictionary<string, (string State, int? Tasks)>> RunJobsAsync(bool faults)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 120 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        configuration["CrmBridge:ClientSuccess:ClaimLease"] = "00:00:30";
        await UntilDoneAsync(directory, configuration, [0], "sync", "--full");
        var before = sandbox.Crms.ToDictionary(c => c.Kind, c => c.DealCount);
        if (faults)
        {
            sandbox.Faults.Configure(new SandboxFaultOptions { Rate = 0.2, Seed = 31, TimeoutDelay = FastResilience.FaultTimeoutDelay, RetryAfter = TimeSpan.Zero });
        }

        var runs = new List<string>
        {
            await UntilDoneAsync(directory, configuration, [0], "cs", "carry-over"),
            await UntilDoneAsync(directory, configuration, [0, 1], "hygiene", "--fix", "--tasks"),
            await UntilDoneAsync(directory, configuration, [0, 1], "cemetery"),
        };
        sandbox.Faults.Enabled = false;

        // The next scheduled runs, fault-free: whatever a faulty run could not finish (a task whose create failed) is done now.
        runs.Add(await UntilDoneAsync(directory, configuration, [0], "cs", "carry-over"));
        runs.Add(await UntilDoneAsync(directory, configuration, [0, 1], "hygiene", "--fix", "--tasks"));
        output.WriteLine($"{(faults ? "with" : "without")} faults: {string.Join("; ", runs)}");

        var result = new SortedDictionary<string, (string, int?)>(StringComparer.Ordinal);
        foreach (var crm in sandbox.Crms)
        {
            var names = string.Join("|", sandbox.Dataset.Deals.Select(d => crm.GetDealState(crm.GetDealId(d.Key)).Name));
            result[crm.Kind.ToString()] = ($"copies {crm.DealCount - before[crm.Kind]}, names #{names.GetHashCode(StringComparison.Ordinal)}", SandboxProbe.Tasks(crm));
        }

        return result;
    }

    /// <summary>Runs a command until it ends with one of <paramref name="done"/>; a failed run must say why without a stack trace.</summary>
    private static async Task<string> UntilDoneAsync(TempDirectory directory, IReadOnlyDictionary<string, string?> configuration, int[] done, params string[] args)
    {
        var exits = new List<int>();
        for (var run = 0; run < 15; run++)
        {
            using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, Timeout, args);
            exits.Add(worker.ExitCode);
            Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at CrmBridge.", worker.Output, StringComparison.Ordinal);
            if (done.Contains(worker.ExitCode))
            {
                return $"{string.Join(' ', args)}: exits {string.Join(",", exits)}";
            }

            Assert.True(worker.ExitCode == 2, $"crmbridge {string.Join(' ', args)} failed without the failure exit code: {worker}");
            if (args[0] == "cs")
            {
                // A failed carry-over may leave its claim on a deal until the claim lease (30 s here) runs out.
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }

        throw new InvalidOperationException($"crmbridge {string.Join(' ', args)} never finished: exits {string.Join(",", exits)}");
    }
}
