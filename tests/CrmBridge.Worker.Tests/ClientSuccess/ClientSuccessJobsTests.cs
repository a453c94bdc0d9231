using CrmBridge.Core.ClientSuccess;
using CrmBridge.Jobs.ClientSuccess;
using CrmBridge.Jobs.Scheduling;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static CrmBridge.Worker.Tests.ClientSuccess.ClientSuccessHarness;

namespace CrmBridge.Worker.Tests.ClientSuccess;

[Collection(HangfireCollection.Name)]
public sealed class ClientSuccessJobsTests
{
    [Fact]
    public async Task Jobs_WhileAnotherRunHoldsTheConnection_SkipThenRunOnceFree()
    {
        await using var harness = new ClientSuccessHarness(deals: 60);
        var services = await harness.StartHostAsync();
        // Hangfire's log provider is process-wide; a `run` test that finished earlier may have left one whose logger factory is disposed.
        LogProvider.SetCurrentLogProvider(new AspNetCoreLogProvider(NullLoggerFactory.Instance));
        using var storage = new InMemoryStorage();
        var carryOver = new CsCarryOverJob(services.GetRequiredService<CsCarryOverEngine>(), storage, NullLogger<CsCarryOverJob>.Instance);
        var advance = new CsAdvanceJob(services.GetRequiredService<CsAdvanceEngine>(), storage, NullLogger<CsAdvanceJob>.Instance);
        foreach (var crm in harness.Sandbox.Crms)
        {
            var connection = ConnectionOf(crm);
            await SyncAsync(services, crm);
            var before = crm.DealCount;

            using (ConnectionJobLock.TryAcquire(storage, CsCarryOverJob.JobName, connection))
            {
                await carryOver.RunAsync(connection, CancellationToken.None);
                Assert.Equal(before, crm.DealCount);
            }

            await carryOver.RunAsync(connection, CancellationToken.None);
            await advance.RunAsync(connection, CancellationToken.None);

            Assert.Equal(before + harness.WonDeals.Count, crm.DealCount);
            Assert.NotEmpty(await services.GetCsStore().GetPlanTasksAsync(connection, null, CancellationToken.None));
        }
    }
}
