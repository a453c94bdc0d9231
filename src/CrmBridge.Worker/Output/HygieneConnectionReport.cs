using CrmBridge.Core.Hygiene;

namespace CrmBridge.Worker.Output;

/// <summary>One connection's hygiene run with the names of its owners, for printing.</summary>
internal sealed record HygieneConnectionReport(string Connection, HygieneRunResult Run, ConnectionNames Names)
{
    public string OwnerName(string? ownerId) => string.IsNullOrEmpty(ownerId) ? "(no owner)" : Names.Owner(ownerId) ?? ownerId;

    /// <summary>Findings by owner name, most first.</summary>
    public IEnumerable<(string Owner, long Count)> OwnerCounts() => Run.Sweep.ByOwner
        .Select(o => (Owner: OwnerName(o.Key), o.Value))
        .OrderByDescending(o => o.Value)
        .ThenBy(o => o.Owner, StringComparer.Ordinal);
}
