using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>
/// Creates one CRM task for the deal's owner per open finding a sweep cannot fix itself ("Fill in the company's INN").
/// The idempotency key names the finding, so while the finding stays open no second task is created; a finding that
/// resolves and comes back is a new finding and may get a new task.
/// </summary>
public sealed class HygieneTaskCreator(IHygieneStore hygieneStore, Storage.ICrmStore store, CrmWriter writer, IOptions<HygieneOptions> options, TimeProvider time)
{
    public const string KeyPrefix = "hygiene-task:";

    public static string IdempotencyKey(string connection, long findingId) => $"{KeyPrefix}{connection}:{findingId}";

    /// <param name="fixable">Whether the fixable findings are taken care of by fix mode (then they get no task).</param>
    public async Task<IReadOnlyList<HygieneTaskResult>> CreateAsync(string connection, string actor, bool dryRun, bool fixable, CancellationToken cancellationToken)
    {
        var settings = options.Value.Tasks;
        var done = await ExistingKeysAsync(connection, cancellationToken);
        var dueAt = time.GetUtcNow().AddDays(settings.DueInDays);
        var results = new List<HygieneTaskResult>();
        var created = 0;
        await foreach (var finding in hygieneStore.StreamFindingsAsync(new HygieneFindingQuery(connection), cancellationToken))
        {
            if ((fixable && finding.CanFix) || finding.Rule == HygieneRules.FieldHealth)
            {
                continue;
            }

            var key = IdempotencyKey(connection, finding.Id);
            var subject = Subject(finding);
            if (done.Contains(key))
            {
                results.Add(new HygieneTaskResult(finding.Id, finding.DealId, finding.OwnerId, subject, AuditOutcome.Succeeded, AlreadyDone: true, null, null));
                continue;
            }

            if (created >= settings.MaxPerSweep)
            {
                continue;
            }

            var task = new NewTask(finding.DealId, finding.OwnerId, subject, $"{finding.Detail}\n\nFound by the CrmBridge hygiene sweep (rule {finding.Rule}, first seen {finding.FirstSeenAt:yyyy-MM-dd}).", dueAt);
            try
            {
                var result = await writer.CreateTaskAsync(connection, task, key, actor, dryRun, cancellationToken);
                created += result.AlreadyDone ? 0 : 1;
                results.Add(new HygieneTaskResult(finding.Id, finding.DealId, finding.OwnerId, subject, result.Outcome, result.AlreadyDone, result.EntityId, null));
            }
            catch (CrmException ex)
            {
                results.Add(new HygieneTaskResult(finding.Id, finding.DealId, finding.OwnerId, subject, AuditOutcome.Failed, AlreadyDone: false, null, ex.Message));
            }
        }

        return results;
    }

    /// <summary>What the owner is asked to do, in a few words.</summary>
    public static string Subject(HygieneFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var label = Label(finding.Field);
        return finding.Check switch
        {
            HygieneChecks.Missing => $"Fill in {label}",
            HygieneChecks.NoCompany => "Link the deal to its company",
            HygieneChecks.NoWebsite => $"Fill in {label}",
            HygieneChecks.OffConvention => "Rename the deal to '{company website} - {company name}'",
            HygieneChecks.Duplicate => "Make the deal name unique (another company's deal has it)",
            HygieneChecks.SeveralOpen => "Check the company's several open deals",
            HygieneChecks.Oversized => $"Shorten {label}",
            _ => $"Correct {label}",
        };
    }

    private static string Label(string? field) => field?.ToLowerInvariant() switch
    {
        null => "the deal",
        CanonicalFields.CompanyInn => "the company's INN",
        CanonicalFields.CompanyWebsite => "the company's website",
        CanonicalFields.CompanyName => "the company's name",
        CanonicalFields.CompanyPhone => "the company's phone",
        CanonicalFields.ContactEmail => "the contact's email",
        CanonicalFields.ContactPhone => "the contact's phone",
        HygieneFields.DealAmount => "the deal amount",
        HygieneFields.DealOwner => "the deal owner",
        HygieneFields.DealLostReason => "the loss reason",
        HygieneFields.DealCompany => "the deal's company",
        HygieneFields.DealName => "the deal name",
        var other => other,
    };

    private async Task<HashSet<string>> ExistingKeysAsync(string connection, CancellationToken cancellationToken)
    {
        var entries = await store.GetAuditEntriesAsync(new AuditQuery(connection, Outcome: AuditOutcome.Succeeded, Limit: int.MaxValue), cancellationToken);
        return entries
            .Where(e => e.Operation == AuditOperation.CreateTask && e.IdempotencyKey?.StartsWith(KeyPrefix, StringComparison.Ordinal) == true)
            .Select(e => e.IdempotencyKey!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
