using Xunit.Abstractions;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>
/// A sync against a CRM that fails one request in five (every fault kind) must end, after as many runs as the scheduler
/// would make, with exactly the store a fault-free sync of the same CRM gives: nothing lost, nothing duplicated.
/// </summary>
public sealed class FaultySyncTests(ITestOutputHelper output)
{
    private const int Deals = 2000;

    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task FullThenIncrementalSync_AtTwentyPercentFaults_EndsWithTheFaultFreeStore(CrmKind kind)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = Deals });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var clean = new ResilienceHost(crm, directory.File("clean.db"));
        await using var faulty = new ResilienceHost(crm, directory.File("faulty.db"));
        await clean.InitializeAsync();
        await faulty.InitializeAsync();
        var (kinds, leftOut) = KnownDefects.SyncFaultKinds(kind);
        foreach (var reason in leftOut)
        {
            output.WriteLine("left out (known defect): " + reason);
        }

        var faults = new SandboxFaultOptions { Rate = 0.2, Seed = 7, Kinds = kinds, TimeoutDelay = FastResilience.FaultTimeoutDelay, RetryAfter = TimeSpan.Zero };

        await clean.SyncAsync(full: true);
        sandbox.Faults.Configure(faults);
        var (_, fullFailures) = await faulty.SyncUntilDoneAsync(sandbox, full: true);
        sandbox.Faults.Enabled = false;
        await AssertSameStoreAsync(clean, faulty, Deals);

        CrmChanges.Apply(sandbox, crm, moves: 12, renames: 5, removals: 3);

        // A CRM without a feed of removed deals (Bitrix24) shows removals only to a full sync, as in the conformance suite.
        var secondIsFull = !clean.Adapter.Capabilities.HasRemovedDealsFeed;
        await clean.SyncAsync(full: secondIsFull);
        sandbox.Faults.Configure(faults with { Seed = 8 });
        var (_, incrementalFailures) = await faulty.SyncUntilDoneAsync(sandbox, full: secondIsFull);
        sandbox.Faults.Enabled = false;
        await AssertSameStoreAsync(clean, faulty, Deals - 3);

        output.WriteLine($"{kind}: {sandbox.Faults.Requests(kind)} requests, faults injected: "
            + string.Join(", ", SandboxFaultOptions.AllKinds.Select(k => $"{k} {sandbox.Faults.Injected(kind, k)}")));
        output.WriteLine($"failed runs: full {fullFailures.Count}, incremental {incrementalFailures.Count}");
        foreach (var failure in fullFailures.Concat(incrementalFailures))
        {
            output.WriteLine($"  {failure.GetType().Name}: {failure.Message}");
        }

        Assert.True(sandbox.Faults.Injected(kind) >= 10, $"only {sandbox.Faults.Injected(kind)} faults were injected");
        Assert.All(fullFailures.Concat(incrementalFailures), f => Assert.IsNotType<CrmAuthException>(f));
    }

    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task FullSync_WhenTheTokenExpiresMidSync_StopsWithAnAuthErrorAndTheNextRunFinishes(CrmKind kind)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 600 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var clean = new ResilienceHost(crm, directory.File("clean.db"));
        await using var faulty = new ResilienceHost(crm, directory.File("faulty.db"));
        await clean.InitializeAsync();
        await faulty.InitializeAsync();
        await clean.SyncAsync(full: true);
        sandbox.Faults.Configure(new SandboxFaultOptions { ExpireTokenAfterRequests = sandbox.Faults.Requests(kind) + 6 });

        var failure = await Assert.ThrowsAsync<CrmAuthException>(() => faulty.SyncAsync(full: true));
        Assert.Contains(faulty.Connection.Name, failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, sandbox.Faults.UnauthorizedAnswers(kind));
        sandbox.Faults.RenewToken(kind);
        await faulty.SyncAsync(full: true);

        await AssertSameStoreAsync(clean, faulty, 600);
    }

    private static async Task AssertSameStoreAsync(ResilienceHost expected, ResilienceHost actual, int deals)
    {
        var want = await StoreSnapshot.ReadAsync(expected.Store, expected.Connection.Name);
        var got = await StoreSnapshot.ReadAsync(actual.Store, actual.Connection.Name);
        Assert.Equal(deals, want.DealCount);
        Assert.True(want.Difference(got) is null, want.Difference(got));
    }
}
