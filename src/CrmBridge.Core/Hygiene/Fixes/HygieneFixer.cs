using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Hygiene.Fixes;

/// <summary>
/// Plans and applies the fixes of a connection's open findings that change the deal itself (renames to the naming
/// convention, unambiguous format normalisation of deal fields). Every write goes through <see cref="CrmWriter"/>:
/// audited with before and after, and recorded as a dry run when nothing may be sent.
/// </summary>
public sealed class HygieneFixer(IHygieneStore hygieneStore, ICrmStore store, CrmWriter writer)
{
    public const string KeyPrefix = "hygiene-fix:";

    /// <summary>One fix per deal with fixable open findings, in deal id order, with the current values from the mirror.</summary>
    public async Task<IReadOnlyList<HygieneDealFix>> PlanAsync(string connection, CancellationToken cancellationToken)
    {
        var byDeal = new SortedDictionary<string, List<HygieneFinding>>(StringComparer.Ordinal);
        await foreach (var finding in hygieneStore.StreamFindingsAsync(new HygieneFindingQuery(connection), cancellationToken))
        {
            if (finding.CanFix)
            {
                if (!byDeal.TryGetValue(finding.DealId, out var list))
                {
                    byDeal[finding.DealId] = list = [];
                }

                list.Add(finding);
            }
        }

        var plan = new List<HygieneDealFix>(byDeal.Count);
        foreach (var (dealId, findings) in byDeal)
        {
            var deal = await store.GetDealAsync(connection, dealId, cancellationToken);
            if (deal is null)
            {
                continue;
            }

            var changes = new List<HygieneFieldChange>();
            foreach (var finding in findings.GroupBy(f => f.Field!, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            {
                var before = Current(deal, finding.Field!);
                if (!string.Equals(before, finding.FixValue, StringComparison.Ordinal))
                {
                    changes.Add(new HygieneFieldChange(finding.Field!, before, finding.FixValue));
                }
            }

            if (changes.Count > 0)
            {
                plan.Add(new HygieneDealFix(connection, dealId, deal.OwnerId, changes, [.. findings.Select(f => f.Id)]));
            }
        }

        return plan;
    }

    /// <summary>Sends each fix (or records it as a dry run); a fix the CRM refuses is reported and the others go on.</summary>
    public async Task<IReadOnlyList<HygieneDealFix>> ApplyAsync(IReadOnlyList<HygieneDealFix> plan, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = new List<HygieneDealFix>(plan.Count);
        foreach (var fix in plan)
        {
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? name = null;
            foreach (var change in fix.Changes)
            {
                if (string.Equals(change.Field, HygieneFields.DealName, StringComparison.OrdinalIgnoreCase))
                {
                    name = change.After;
                }
                else
                {
                    fields[change.Field] = change.After;
                }
            }

            var update = new DealUpdate { DealId = fix.DealId, Name = name, Fields = fields };
            try
            {
                var result = await writer.UpdateDealAsync(fix.Connection, update, await IdempotencyKeyAsync(fix, cancellationToken), actor, dryRun, cancellationToken);
                results.Add(fix with { AuditId = result.AuditId, Outcome = result.Outcome });
            }
            catch (CrmException ex)
            {
                results.Add(fix with { Outcome = AuditOutcome.Failed, Error = ex.Message });
            }
        }

        return results;
    }

    /// <summary>
    /// The same fix of the same stored version of a deal is sent once: until a sync brings the deal's next version (the
    /// fix itself, or someone's later edit), a run that plans the fix again finds it done in the audit log instead of
    /// sending it again.
    /// </summary>
    private async Task<string> IdempotencyKeyAsync(HygieneDealFix fix, CancellationToken cancellationToken)
    {
        var deal = await store.GetDealAsync(fix.Connection, fix.DealId, cancellationToken);
        var version = string.Join(
            '\n',
            [deal?.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", .. fix.Changes.Select(c => $"{c.Field}\u001f{c.Before}\u001f{c.After}")]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version)));
        return $"{KeyPrefix}{fix.Connection}:{fix.DealId}:{hash[..32]}";
    }

    private static string? Current(Model.Deal deal, string field) =>
        string.Equals(field, HygieneFields.DealName, StringComparison.OrdinalIgnoreCase)
            ? deal.Name
            : deal.Fields.TryGetValue(field, out var value) ? value : null;

    internal static string Describe(HygieneDealFix fix) =>
        string.Join("; ", fix.Changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Field}: '{c.Before}' -> '{c.After}'")));
}
