using System.Globalization;
using System.Text;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// What a store holds for one connection that came from the CRM (deals, companies, contacts, pipelines, owners, stage
/// transitions), as canonical text lines, so two stores can be compared and a difference read. Local bookkeeping (when a
/// transition was observed, run ids, cursors) differs between runs by nature and is left out.
/// </summary>
internal sealed record StoreSnapshot(IReadOnlyList<string> Lines)
{
    public static async Task<StoreSnapshot> ReadAsync(ICrmStore store, string connection)
    {
        var ct = CancellationToken.None;
        var lines = new List<string>();
        var companyIds = new SortedSet<string>(StringComparer.Ordinal);
        var contactIds = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection), ct))
        {
            lines.Add(Describe(deal));
            if (deal.CompanyId is { } companyId)
            {
                companyIds.Add(companyId);
            }

            contactIds.UnionWith(deal.ContactIds);
        }

        foreach (var company in (await store.GetCompaniesAsync(connection, companyIds, ct)).OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            lines.Add(Invariant($"company {company.ExternalId} | {company.Name} | {company.Website} | {company.Inn} | {company.Industry} | {company.Phone} | {Time(company.UpdatedAt)} | {Fields(company.Fields)}"));
        }

        foreach (var contact in (await store.GetContactsAsync(connection, contactIds, ct)).OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            lines.Add(Invariant($"contact {contact.ExternalId} | {contact.FullName} | {contact.Position} | {contact.Role} | {contact.Email} | {contact.Phone} | {contact.CompanyId} | {Time(contact.UpdatedAt)} | {Fields(contact.Fields)}"));
        }

        foreach (var pipeline in (await store.GetPipelinesAsync(connection, ct)).OrderBy(p => p.ExternalId, StringComparer.Ordinal))
        {
            lines.Add(Invariant($"pipeline {pipeline.ExternalId} | {pipeline.Name} | {string.Join(", ", pipeline.Stages.OrderBy(s => s.Order).Select(s => $"{s.ExternalId}:{s.Name}:{s.Outcome}"))}"));
        }

        foreach (var owner in (await store.GetOwnersAsync(connection, ct)).OrderBy(o => o.ExternalId, StringComparer.Ordinal))
        {
            lines.Add($"owner {owner}");
        }

        foreach (var t in (await store.GetStageTransitionsAsync(connection, null, ct))
            .Select(t => Invariant($"transition {t.DealId} | {t.PipelineId} | {t.FromStageId} -> {t.ToStageId} | {Time(t.CrmChangedAt)}"))
            .Order(StringComparer.Ordinal))
        {
            lines.Add(t);
        }

        var missing = await store.GetMissingRelatedIdsAsync(connection, ct);
        lines.Add($"missing related: companies {missing.CompanyIds.Count}, contacts {missing.ContactIds.Count}");
        return new StoreSnapshot(lines);
    }

    public int DealCount => Lines.Count(l => l.StartsWith("deal ", StringComparison.Ordinal));

    /// <summary>Null when equal; else the first differences, readable in a test failure.</summary>
    public string? Difference(StoreSnapshot other)
    {
        if (Lines.SequenceEqual(other.Lines, StringComparer.Ordinal))
        {
            return null;
        }

        var onlyHere = Lines.Except(other.Lines, StringComparer.Ordinal).Take(8).ToList();
        var onlyThere = other.Lines.Except(Lines, StringComparer.Ordinal).Take(8).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Lines.Count} lines against {other.Lines.Count}.");
        text.AppendLine("Only in the expected store:");
        onlyHere.ForEach(l => text.AppendLine("  " + l));
        text.AppendLine("Only in the actual store:");
        onlyThere.ForEach(l => text.AppendLine("  " + l));
        if (onlyHere.Count == 0 && onlyThere.Count == 0)
        {
            text.AppendLine("Same lines, different multiplicity (something is duplicated).");
        }

        return text.ToString();
    }

    private static string Describe(Deal d) => Invariant(
        $"deal {d.ExternalId} | {d.Name} | {d.PipelineId} | {d.StageId} | {d.Amount} {d.Currency} | owner {d.OwnerId} | company {d.CompanyId} | contacts {string.Join(",", d.ContactIds.Order(StringComparer.Ordinal))} | created {Time(d.CreatedAt)} | updated {Time(d.UpdatedAt)} | entered {Time(d.StageEnteredAt)} | last {Time(d.LastActivityAt)} | next {Time(d.NextActivityAt)} | {d.Status} | closed {Time(d.ClosedAt)} | lost {d.LostReason} | {Fields(d.Fields)}");

    private static string Fields(IReadOnlyDictionary<string, string?> fields) =>
        string.Join("; ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
