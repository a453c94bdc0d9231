using System.Globalization;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// Walks the Client Success copies along their calendar: each copy goes to the stage of the period that the time since
/// signing puts it in (after the last period, period 1 of the next cycle, the renewal count going up), and gets that
/// period's plan tasks, each created once (idempotency key per deal, cycle, period and task). Periods a run missed are
/// not back-filled: only the current period's tasks are created.
/// </summary>
public sealed partial class CsAdvanceEngine(
    CrmAdapterResolver adapters,
    ICrmStore store,
    IClientSuccessStore csStore,
    CrmWriter writer,
    IOptions<CrmBridgeOptions> bridgeOptions,
    IOptions<ClientSuccessOptions> options,
    TimeProvider time,
    ILogger<CsAdvanceEngine> logger)
{
    /// <summary>The actor recorded in the audit log.</summary>
    public const string Actor = "cs-advance";

    public async Task<CsAdvanceReport> RunAsync(string connection, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var (setup, problem) = await CsConnectionSetup.LoadAsync(bridgeOptions.Value, options.Value, store, connection, cancellationToken);
        if (setup is null)
        {
            return CsAdvanceReport.Skipped(connection, dryRun, problem!);
        }

        // One adapter for every move and task of this run: its pipelines are read once, not once per write.
        using var run = adapters.BeginRun();
        var now = time.GetUtcNow();
        var plan = setup.Options.EffectivePlan();
        var records = (await csStore.GetCarryOversAsync(connection, cancellationToken))
            .Where(r => r.CopyId is not null && r.State is CarryOverState.Linked or CarryOverState.Completed)
            .ToList();
        var created = (await csStore.GetPlanTasksAsync(connection, copyId: null, cancellationToken))
            .Where(t => t.State == PlanTaskState.Created)
            .ToDictionary(t => t.IdempotencyKey, StringComparer.Ordinal);
        var claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var items = new List<CsAdvanceItem>();
        foreach (var record in records)
        {
            items.Add(await AdvanceAsync(setup, record, plan, created, claimant, now, dryRun, cancellationToken));
        }

        return new CsAdvanceReport(connection, dryRun, items, null);
    }

    private async Task<CsAdvanceItem> AdvanceAsync(
        CsConnectionSetup setup,
        CarryOverRecord record,
        IReadOnlyList<ClientSuccessPlanTaskOptions> plan,
        Dictionary<string, PlanTaskRecord> created,
        string claimant,
        DateTimeOffset now,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var connection = setup.Connection.Name;
        var copyId = record.CopyId!;
        var position = CsCalendar.PositionAt(record.SignedAt, record.Cadence, setup.Zone, now);
        var stage = setup.StageFor(position.Period);
        var mirror = await store.GetDealAsync(connection, copyId, cancellationToken);
        var item = new CsAdvanceItem(copyId, record.OriginalId, mirror?.Name ?? record.OriginalName, record.Cadence, position.Cycle, position.Period, position.StartDate, mirror?.StageId ?? record.StageId, stage, CsAdvanceOutcome.Unchanged, [], null);
        if (mirror is not null && (mirror.Status != DealStatus.Open || mirror.PipelineId != setup.PipelineId))
        {
            return item with { Outcome = CsAdvanceOutcome.Skipped, Message = mirror.Status != DealStatus.Open ? $"the CS deal is {mirror.Status.ToString().ToLowerInvariant()}" : $"moved to pipeline {mirror.PipelineId}" };
        }

        if (stage is null)
        {
            return item with { Outcome = CsAdvanceOutcome.Failed, Message = $"pipeline {setup.PipelineId} has {setup.PeriodStageIds.Count} period stages; {record.Cadence} period {position.Period} needs a stage of its own" };
        }

        try
        {
            // A mirror changed after our last move means a user moved the deal; an older one just has not synced our move yet.
            var movedByUser = mirror is not null && mirror.StageId != stage && (record.AdvancedAt is null || mirror.UpdatedAt > record.AdvancedAt);
            if (record.Cycle != position.Cycle || record.Period != position.Period || record.StageId != stage || movedByUser)
            {
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                if (setup.Options.RenewalCountField is { } renewalField && record.Cycle != position.Cycle)
                {
                    fields[renewalField] = position.Cycle.ToString(CultureInfo.InvariantCulture);
                }

                var update = new DealUpdate { DealId = copyId, PipelineId = setup.PipelineId, StageId = stage, Fields = fields };
                await writer.UpdateDealAsync(connection, update, Actor, dryRun, cancellationToken);
                if (!dryRun)
                {
                    await csStore.SaveCalendarPositionAsync(connection, record.OriginalId, position.Cycle, position.Period, stage, time.GetUtcNow(), cancellationToken);
                    LogMoved(connection, copyId, position.Cycle, position.Period, stage);
                }

                item = item with { Outcome = CsAdvanceOutcome.Moved };
            }

            var tasks = new List<CsAdvanceTask>();
            foreach (var task in CsPlan.TasksFor(plan, position, record.MonthlyBilling, setup.Zone))
            {
                tasks.Add(await CreateTaskAsync(connection, record, position, task, created, claimant, dryRun, cancellationToken));
            }

            return item with { Tasks = tasks, Message = tasks.FirstOrDefault(t => t.Outcome == CsTaskOutcome.Failed)?.Message };
        }
        catch (CrmException ex) when (ex is not CrmAuthException)
        {
            LogFailed(connection, copyId, ex.Message);
            return item with { Outcome = CsAdvanceOutcome.Failed, Message = ex.Message };
        }
    }

    private async Task<CsAdvanceTask> CreateTaskAsync(
        string connection,
        CarryOverRecord record,
        CsPosition position,
        CsPlannedTask task,
        Dictionary<string, PlanTaskRecord> created,
        string claimant,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var key = CsMarkers.PlanTask(record.Marker, position.Cycle, position.Period, task.Key);
        if (created.TryGetValue(key, out var earlier))
        {
            return new CsAdvanceTask(task.Key, task.Subject, task.DueAt, CsTaskOutcome.AlreadyCreated, earlier.TaskId, null);
        }

        var newTask = new NewTask(record.CopyId!, record.OwnerId, task.Subject, task.Body, task.DueAt);
        if (dryRun)
        {
            var preview = await writer.CreateTaskAsync(connection, newTask, key, Actor, dryRun: true, cancellationToken);
            return new CsAdvanceTask(task.Key, task.Subject, task.DueAt, preview.AlreadyDone ? CsTaskOutcome.AlreadyCreated : CsTaskOutcome.WouldCreate, preview.EntityId, null);
        }

        var intent = new PlanTaskIntent(connection, key, record.OriginalId, record.CopyId!, position.Cycle, position.Period, task.Key, task.Subject, task.DueAt);
        if (!await csStore.TryClaimPlanTaskAsync(intent, claimant, time.GetUtcNow(), options.Value.ClaimLease, cancellationToken))
        {
            var current = (await csStore.GetPlanTasksAsync(connection, record.CopyId, cancellationToken)).FirstOrDefault(t => t.IdempotencyKey == key);
            return current?.State == PlanTaskState.Created
                ? new CsAdvanceTask(task.Key, task.Subject, task.DueAt, CsTaskOutcome.AlreadyCreated, current.TaskId, null)
                : new CsAdvanceTask(task.Key, task.Subject, task.DueAt, CsTaskOutcome.InProgressElsewhere, null, null);
        }

        try
        {
            var result = await writer.CreateTaskAsync(connection, newTask, key, Actor, dryRun: false, cancellationToken);
            await csStore.RecordPlanTaskAsync(connection, key, result.EntityId ?? "", time.GetUtcNow(), cancellationToken);
            return new CsAdvanceTask(task.Key, task.Subject, task.DueAt, result.AlreadyDone ? CsTaskOutcome.AlreadyCreated : CsTaskOutcome.Created, result.EntityId, null);
        }
        catch (CrmException ex) when (ex is not CrmAuthException)
        {
            await csStore.ReleasePlanTaskAsync(connection, key, claimant, ex.Message, keepLease: ex is not (CrmValidationException or CrmRateLimitedException), CancellationToken.None);
            return new CsAdvanceTask(task.Key, task.Subject, task.DueAt, CsTaskOutcome.Failed, null, ex.Message);
        }
        catch (Exception ex) when (ex is CrmAuthException or OperationCanceledException)
        {
            await csStore.ReleasePlanTaskAsync(connection, key, claimant, ex.Message, keepLease: ex is OperationCanceledException, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: CS deal {DealId} moved to cycle {Cycle} period {Period} (stage {StageId})")]
    private partial void LogMoved(string connection, string dealId, int cycle, int period, string stageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Connection}: advancing CS deal {DealId} failed and will be retried: {Error}")]
    private partial void LogFailed(string connection, string dealId, string error);
}
