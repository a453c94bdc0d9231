using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>
/// Writes through the audited writer against a CRM that fails one request in five, answers included (a create processed
/// whose answer is lost): each failed write is tried again, as a job's next run would, and no create lands twice.
/// </summary>
public sealed class FaultyWriteTests
{
    private const int Creates = 12;
    private const int Updates = 8;

    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task CreatesAndUpdates_AtTwentyPercentFaults_LandExactlyOnce(CrmKind kind)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 40 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var host = new ResilienceHost(crm, directory.File("store.db"));
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dataset = sandbox.Dataset;
        var cs = dataset.ClientSuccessPipeline;
        var before = crm.DealCount;
        sandbox.Faults.Configure(new SandboxFaultOptions { Rate = 0.2, Seed = 21, TimeoutDelay = FastResilience.FaultTimeoutDelay, RetryAfter = TimeSpan.Zero });

        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Creates; i++)
        {
            var seeded = dataset.Deals[i];
            var deal = new NewDeal
            {
                Name = seeded.Name,
                PipelineId = crm.GetPipelineId(cs.Key),
                StageId = crm.GetStageId(cs.Key, cs.Stages[0].Key),
                Amount = 1000m + i,
                OwnerId = crm.GetOwnerId(seeded.OwnerKey),
                Marker = $"resilience-{i}",
            };
            var result = await UntilDoneAsync(() => host.Writer.CreateDealAsync(host.Connection.Name, deal, "resilience", dryRun: false, CancellationToken.None));
            created[deal.Marker] = result.EntityId!;
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Updates; i++)
        {
            var dealId = crm.GetDealId(dataset.Deals[Creates + i].Key);
            var name = $"updated-{i}.example - Updated {i}";
            await UntilDoneAsync(() => host.Writer.UpdateDealAsync(host.Connection.Name, new DealUpdate { DealId = dealId, Name = name }, "resilience", dryRun: false, CancellationToken.None));
            renamed[dealId] = name;
        }

        sandbox.Faults.Enabled = false;
        Assert.Equal(before + Creates, crm.DealCount);
        foreach (var (marker, id) in created)
        {
            var found = await host.Adapter.FindDealByMarkerAsync(marker, CancellationToken.None);
            Assert.Equal(id, found?.ExternalId);
            var succeeded = await host.Store.GetAuditEntriesAsync(new AuditQuery(host.Connection.Name, marker, Outcome: AuditOutcome.Succeeded), CancellationToken.None);
            Assert.Single(succeeded);
        }

        foreach (var (id, name) in renamed)
        {
            Assert.Equal(name, crm.GetDealState(id).Name);
        }

        Assert.True(sandbox.Faults.Injected(kind) >= 3, $"only {sandbox.Faults.Injected(kind)} faults were injected");
    }

    /// <summary>Tries a write until it succeeds (or is found done), as the next run of a job would; only CRM errors may end an attempt.</summary>
    private static async Task<WriteResult> UntilDoneAsync(Func<Task<WriteResult>> write)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < 15; attempt++)
        {
            try
            {
                var result = await write();
                if (result.Outcome == AuditOutcome.Succeeded)
                {
                    return result;
                }

                failures.Add(result.Outcome.ToString());
            }
            catch (CrmException ex)
            {
                failures.Add(ex.GetType().Name);
            }
        }

        throw new InvalidOperationException("The write never succeeded: " + string.Join(", ", failures));
    }
}
