namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// What CrmBridge remembers of Client Success: each won deal's carry-over (intent, claim, link to its copy, calendar
/// position) and each plan task. Claims are conditional writes, so of two runs claiming the same deal or task at once
/// exactly one wins, across processes too. Every write is its own transaction.
/// </summary>
public interface IClientSuccessStore
{
    /// <summary>
    /// Records the intent (first time) or takes over an unfinished carry-over whose claim expired (or is already
    /// <paramref name="claimant"/>'s). The claim lasts until <paramref name="now"/> + <paramref name="lease"/>.
    /// A rejected carry-over is claimed again only with <paramref name="retryRejected"/>.
    /// </summary>
    Task<CarryOverClaim> TryClaimCarryOverAsync(CarryOverIntent intent, string claimant, DateTimeOffset now, TimeSpan lease, bool retryRejected, CancellationToken cancellationToken);

    /// <summary>Records the copy's id (state Linked). Throws when the deal is already linked to another copy.</summary>
    Task RecordCarryOverCopyAsync(string connection, string originalId, string copyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks a linked carry-over completed and drops its claim.</summary>
    Task CompleteCarryOverAsync(string connection, string originalId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failure of <paramref name="claimant"/>'s attempt. With <paramref name="keepLease"/> the claim stays until it
    /// expires (the write may have reached the CRM, whose search may not show it yet); otherwise it is dropped.
    /// </summary>
    Task ReleaseCarryOverAsync(string connection, string originalId, string claimant, string? error, bool keepLease, CancellationToken cancellationToken);

    /// <summary>Marks the carry-over rejected by the CRM, with its message, and drops the claim.</summary>
    Task RejectCarryOverAsync(string connection, string originalId, string claimant, string error, CancellationToken cancellationToken);

    Task<CarryOverRecord?> GetCarryOverAsync(string connection, string originalId, CancellationToken cancellationToken);

    /// <summary>Every carry-over of the connection, by original id.</summary>
    Task<IReadOnlyList<CarryOverRecord>> GetCarryOversAsync(string connection, CancellationToken cancellationToken);

    /// <summary>Records the calendar position the copy was moved to.</summary>
    Task SaveCalendarPositionAsync(string connection, string originalId, int cycle, int period, string stageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Claims a plan task: true when this run may create it (new, or pending with an expired claim); false when it exists or another run holds it.</summary>
    Task<bool> TryClaimPlanTaskAsync(PlanTaskIntent intent, string claimant, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records the created task's id (state Created).</summary>
    Task RecordPlanTaskAsync(string connection, string idempotencyKey, string taskId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; see <see cref="ReleaseCarryOverAsync"/> for <paramref name="keepLease"/>.</summary>
    Task ReleasePlanTaskAsync(string connection, string idempotencyKey, string claimant, string? error, bool keepLease, CancellationToken cancellationToken);

    /// <summary>Plan tasks of the connection (of one copy when <paramref name="copyId"/> is set), by cycle, period and key.</summary>
    Task<IReadOnlyList<PlanTaskRecord>> GetPlanTasksAsync(string connection, string? copyId, CancellationToken cancellationToken);
}
