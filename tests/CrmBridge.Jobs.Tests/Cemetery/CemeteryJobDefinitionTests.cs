using CrmBridge.Core.Cemetery;
using CrmBridge.Jobs.Cemetery;
using CrmBridge.Jobs.Scheduling;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Jobs.Tests.Cemetery;

public sealed class CemeteryJobDefinitionTests
{
    [Fact]
    public void AddCrmBridgeJobs_RegistersTheCemeteryJobUnderItsStableName()
    {
        var services = new ServiceCollection().AddCrmBridgeJobs();

        Assert.Single(services, d => d.ServiceType == typeof(IConnectionJobDefinition) && d.ImplementationType == typeof(CemeteryJobDefinition));
        Assert.Single(services, d => d.ServiceType == typeof(CemeteryJob));
        var definition = new CemeteryJobDefinition(Options.Create(new CemeteryOptions()));
        Assert.Equal("cemetery", definition.Name);

        var jobs = new JobsOptions();
        Assert.Same(jobs.Cemetery, definition.Schedule(jobs));
        Assert.Equal("0 8 * * 1-5", definition.Schedule(jobs).Cron);
        Assert.Equal("cemetery", CemeteryJob.JobName);
    }

    [Fact]
    public void AddOrUpdate_WithATeamTimeZone_SchedulesTheRunInIt()
    {
        var manager = new RecordingManager();
        var definition = new CemeteryJobDefinition(Options.Create(new CemeteryOptions { TimeZone = "Europe/Moscow" }));

        definition.AddOrUpdate(manager, "cemetery:main", "main", "0 8 * * 1-5", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        var (id, job, cron, options) = Assert.Single(manager.Added);
        Assert.Equal("cemetery:main", id);
        Assert.Equal("0 8 * * 1-5", cron);
        Assert.Equal("Europe/Moscow", options.TimeZone.Id);
        Assert.Equal(typeof(CemeteryJob), job.Type);
        Assert.Equal(nameof(CemeteryJob.RunAsync), job.Method.Name);
        Assert.Equal("main", job.Args[0]);
    }

    [Fact]
    public void AddOrUpdate_WithoutATeamTimeZone_KeepsTheJobsTimeZone()
    {
        var manager = new RecordingManager();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Yekaterinburg");

        new CemeteryJobDefinition(Options.Create(new CemeteryOptions())).AddOrUpdate(manager, "cemetery:main", "main", "0 8 * * *", new RecurringJobOptions { TimeZone = zone });

        Assert.Equal(zone.Id, Assert.Single(manager.Added).Options.TimeZone.Id);
    }

    private sealed class RecordingManager : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron, RecurringJobOptions Options)> Added { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Added.Add((recurringJobId, job, cronExpression, options));

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
