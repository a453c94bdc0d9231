using CrmBridge.Jobs.ClientSuccess;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Jobs.Tests.ClientSuccess;

public sealed class ClientSuccessJobDefinitionsTests
{
    [Fact]
    public void AddCrmBridgeJobs_RegistersBothClientSuccessJobsUnderStableNames()
    {
        var services = new ServiceCollection().AddCrmBridgeJobs();

        var definitions = services.Where(d => d.ServiceType == typeof(IConnectionJobDefinition)).Select(d => d.ImplementationType).ToList();
        var names = definitions.Select(t => ((IConnectionJobDefinition)Activator.CreateInstance(t!)!).Name).ToList();

        Assert.Contains("cs-carry-over", names);
        Assert.Contains("cs-advance", names);
        Assert.Contains(services, d => d.ServiceType == typeof(CsCarryOverJob));
        Assert.Contains(services, d => d.ServiceType == typeof(CsAdvanceJob));
        Assert.Equal("cs-carry-over", CsCarryOverJob.JobName);
        Assert.Equal("cs-advance", CsAdvanceJob.JobName);
    }

    [Fact]
    public void Schedule_Defaults_AreDisabledUntilEnabledInConfig()
    {
        var options = new JobsOptions();

        Assert.False(new CsCarryOverJobDefinition().Schedule(options).Enabled);
        Assert.False(new CsAdvanceJobDefinition().Schedule(options).Enabled);
        options.CsCarryOver.Enabled = true;
        Assert.Same(options.CsCarryOver, new CsCarryOverJobDefinition().Schedule(options));
        Assert.Same(options.CsAdvance, new CsAdvanceJobDefinition().Schedule(options));
    }

    [Fact]
    public void AddOrUpdate_SchedulesTheJobsRunAsyncForTheConnection()
    {
        var manager = new RecordingManager();

        new CsCarryOverJobDefinition().AddOrUpdate(manager, "cs-carry-over:main", "main", "*/30 * * * *", new RecurringJobOptions());
        new CsAdvanceJobDefinition().AddOrUpdate(manager, "cs-advance:main", "main", "0 7 * * *", new RecurringJobOptions());

        Assert.Equal(2, manager.Jobs.Count);
        Assert.Equal((typeof(CsCarryOverJob), nameof(CsCarryOverJob.RunAsync), "main"), Describe(manager.Jobs["cs-carry-over:main"]));
        Assert.Equal((typeof(CsAdvanceJob), nameof(CsAdvanceJob.RunAsync), "main"), Describe(manager.Jobs["cs-advance:main"]));
    }

    private static (Type, string, object?) Describe(Job job) => (job.Type, job.Method.Name, job.Args[0]);

    private sealed class RecordingManager : IRecurringJobManager
    {
        public Dictionary<string, Job> Jobs { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Jobs[recurringJobId] = job;

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => Jobs.Remove(recurringJobId);
    }
}
