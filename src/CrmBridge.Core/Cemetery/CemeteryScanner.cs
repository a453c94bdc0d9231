using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Scans one connection's mirror for stale deals, streaming the deals from the store. Stage-entered times come from
/// the CRM when it reports them, otherwise from the stage transitions CrmBridge observed (loaded once, only if needed).
/// </summary>
public sealed class CemeteryScanner(
    ICrmStore store,
    CrmAdapterResolver adapters,
    IOptions<CrmBridgeOptions> bridgeOptions,
    IOptions<CemeteryOptions> options,
    TimeProvider time)
{
    /// <summary>Scans a configured connection with its adapter's capabilities.</summary>
    public Task<CemeteryScan> ScanAsync(string connection, CancellationToken cancellationToken)
    {
        var configured = bridgeOptions.Value.FindConnection(connection)
            ?? throw new InvalidOperationException($"No connection named '{connection}'. Configured: {string.Join(", ", bridgeOptions.Value.Connections.Keys)}.");
        return ScanAsync(configured, adapters.Resolve(configured).Capabilities, cancellationToken);
    }

    public async Task<CemeteryScan> ScanAsync(ConnectionOptions connection, CrmCapabilities capabilities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(capabilities);
        var pipelines = await store.GetPipelinesAsync(connection.Name, cancellationToken);
        var owners = await store.GetOwnersAsync(connection.Name, cancellationToken);
        var evaluator = new CemeteryEvaluator(connection, capabilities, pipelines, owners, options.Value, time.GetUtcNow());
        Dictionary<string, ObservedEntry>? observed = null;
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection.Name), cancellationToken))
        {
            DateTimeOffset? entered = null;
            if (deal.Status == DealStatus.Open && evaluator.NeedsObservedStageEntry(deal))
            {
                observed ??= await LoadObservedEntriesAsync(connection.Name, cancellationToken);
                entered = observed.TryGetValue(deal.ExternalId, out var entry) ? entry.EnteredAt(deal) : null;
            }

            evaluator.Add(deal, entered);
        }

        return evaluator.Complete();
    }

    private async Task<Dictionary<string, ObservedEntry>> LoadObservedEntriesAsync(string connection, CancellationToken cancellationToken)
    {
        var transitions = await store.GetStageTransitionsAsync(connection, dealId: null, cancellationToken);
        var latest = new Dictionary<string, ObservedEntry>(StringComparer.Ordinal);
        foreach (var transition in transitions)
        {
            latest[transition.DealId] = new ObservedEntry(transition);
        }

        return latest;
    }

    private readonly record struct ObservedEntry(StageTransition Transition)
    {
        /// <summary>
        /// The CRM's own change time when known. A deal first seen in its stage entered it no later than its last
        /// modification, so the earlier of that and the observation is the closest safe guess.
        /// </summary>
        public DateTimeOffset? EnteredAt(Deal deal)
        {
            if (!string.Equals(Transition.ToStageId, deal.StageId, StringComparison.Ordinal))
            {
                return null;
            }

            if (Transition.CrmChangedAt is { } changed)
            {
                return changed;
            }

            return Transition.FromStageId is null && deal.UpdatedAt < Transition.ObservedAt ? deal.UpdatedAt : Transition.ObservedAt;
        }
    }
}
