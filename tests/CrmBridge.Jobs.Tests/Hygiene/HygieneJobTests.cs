using CrmBridge.Jobs.Hygiene;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Jobs.Tests.Hygiene;

public sealed class HygieneJobTests
{
    [Fact]
    public void AddCrmBridgeJobs_RegistersTheHygieneJobUnderItsStableNameAndSchedule()
    {
        var services = new ServiceCollection().AddCrmBridgeJobs();

        Assert.Single(services, d => d.ServiceType == typeof(IConnectionJobDefinition) && d.ImplementationType == typeof(HygieneJobDefinition));
        Assert.Single(services, d => d.ServiceType == typeof(HygieneJob));
        var definition = new HygieneJobDefinition();
        Assert.Equal("hygiene", definition.Name);
        Assert.Equal("hygiene", HygieneJob.JobName);
        var jobs = new JobsOptions();
        Assert.Same(jobs.Hygiene, definition.Schedule(jobs));
        Assert.Equal("0 6 * * *", definition.Schedule(jobs).Cron);
    }

    [Fact]
    public void AddOrUpdate_SchedulesRunAsyncForTheConnection()
    {
        var manager = new RecordingManager();

        new HygieneJobDefinition().AddOrUpdate(manager, "hygiene:main", "main", "0 6 * * *", new RecurringJobOptions());

        var (id, job, cron) = Assert.Single(manager.Added);
        Assert.Equal(("hygiene:main", "0 6 * * *"), (id, cron));
        Assert.Equal(typeof(HygieneJob), job.Type);
        Assert.Equal(nameof(HygieneJob.RunAsync), job.Method.Name);
        Assert.Equal("main", job.Args[0]);
    }

    [Fact]
    public async Task RunAsync_WhileAnotherSweepOfTheConnectionHoldsTheLock_SkipsWithoutSweeping()
    {
        using var storage = new InMemoryStorage();
        using var held = ConnectionJobLock.TryAcquire(storage, HygieneJob.JobName, "main");
        Assert.NotNull(held);

        // The engine is never reached: a run that cannot take the lock returns at once.
        var job = new HygieneJob(null!, storage, NullLogger<HygieneJob>.Instance);
        await job.RunAsync("main", CancellationToken.None);

        using var other = ConnectionJobLock.TryAcquire(storage, HygieneJob.JobName, "other");
        Assert.NotNull(other);
    }

    private sealed class RecordingManager : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron)> Added { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Added.Add((recurringJobId, job, cronExpression));

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
