using System.Runtime.CompilerServices;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Funnel;

/// <summary>Builds funnel reports from the local mirror, streaming the connection's deals once.</summary>
public sealed class FunnelService(ICrmStore store, IOptions<FunnelOptions> options, IOptions<CrmBridgeOptions> crmOptions, TimeProvider time)
{
    private const int CompanyChunk = 500;

    /// <summary>The funnel of the request's connection; no pipelines when <see cref="FunnelRequest.Pipeline"/> matches none.</summary>
    public async Task<FunnelReport> BuildAsync(FunnelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var all = await store.GetPipelinesAsync(request.Connection, cancellationToken);
        var roles = crmOptions.Value.FindConnection(request.Connection)?.Pipelines;
        var pipelines = FunnelPipelines.Select(all, roles, request.Pipeline);
        var owners = (await store.GetOwnersAsync(request.Connection, cancellationToken))
            .ToDictionary(o => o.ExternalId, o => o.Name, StringComparer.Ordinal);
        var calculators = pipelines.ToDictionary(p => p.ExternalId, p => new FunnelCalculator(p, options.Value, now, owners), StringComparer.Ordinal);
        if (calculators.Count > 0)
        {
            var transitions = (await store.GetStageTransitionsAsync(request.Connection, null, cancellationToken))
                .GroupBy(t => t.DealId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<StageTransition>)[.. g], StringComparer.Ordinal);
            var deals = store.StreamDealsAsync(new DealQuery(request.Connection), cancellationToken)
                .Where(d => calculators.ContainsKey(d.PipelineId) && InPeriod(d, request));
            await foreach (var (deal, cohort) in WithCohortsAsync(deals, request, cancellationToken))
            {
                calculators[deal.PipelineId].Add(deal, transitions.GetValueOrDefault(deal.ExternalId) ?? [], cohort);
            }
        }

        return new FunnelReport(
            request.Connection,
            request.From,
            request.To,
            request.Cohort?.Field,
            now,
            [.. pipelines.Select(p => calculators[p.ExternalId].Build())]);
    }

    /// <summary>The enabled configured connections; when none is configured, every connection the store holds deals of.</summary>
    public async Task<IReadOnlyList<string>> ListConnectionsAsync(CancellationToken cancellationToken)
    {
        var configured = crmOptions.Value.EnabledConnections().Select(c => c.Name).ToList();
        if (configured.Count > 0)
        {
            return configured;
        }

        // Deals stream ordered by connection, so the names come out sorted and each once.
        var stored = new List<string>();
        await foreach (var deal in store.StreamDealsAsync(DealQuery.All, cancellationToken))
        {
            if (stored.Count == 0 || stored[^1] != deal.Connection)
            {
                stored.Add(deal.Connection);
            }
        }

        return stored;
    }

    private static bool InPeriod(Deal deal, FunnelRequest request) =>
        (request.From is not { } from || deal.CreatedAt >= from) && (request.To is not { } to || deal.CreatedAt < to);

    private async IAsyncEnumerable<(Deal Deal, string? Cohort)> WithCohortsAsync(
        IAsyncEnumerable<Deal> deals,
        FunnelRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.Cohort is not { Kind: FunnelCohortKind.CompanyField } cohort)
        {
            await foreach (var deal in deals.WithCancellation(cancellationToken))
            {
                yield return (deal, request.Cohort?.KeyOf(deal, null));
            }

            yield break;
        }

        var chunk = new List<Deal>(CompanyChunk);
        await foreach (var deal in deals.WithCancellation(cancellationToken))
        {
            chunk.Add(deal);
            if (chunk.Count == CompanyChunk)
            {
                foreach (var item in await ResolveCompaniesAsync(request.Connection, chunk, cohort, cancellationToken))
                {
                    yield return item;
                }

                chunk.Clear();
            }
        }

        foreach (var item in await ResolveCompaniesAsync(request.Connection, chunk, cohort, cancellationToken))
        {
            yield return item;
        }
    }

    private async Task<List<(Deal, string?)>> ResolveCompaniesAsync(string connection, List<Deal> deals, FunnelCohort cohort, CancellationToken cancellationToken)
    {
        var ids = deals.Select(d => d.CompanyId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var companies = ids.Count == 0
            ? []
            : (await store.GetCompaniesAsync(connection, ids, cancellationToken)).ToDictionary(c => c.ExternalId, StringComparer.Ordinal);
        return [.. deals.Select(d => (d, (string?)cohort.KeyOf(d, d.CompanyId is null ? null : companies.GetValueOrDefault(d.CompanyId))))];
    }
}
