using System.Runtime.CompilerServices;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;

namespace CrmBridge.Worker.Output;

/// <summary>Streams deals from the store as <see cref="DealRow"/>s, resolving pipeline, stage, owner and company names in chunks.</summary>
internal sealed class DealRowReader(ICrmStore store)
{
    private const int ChunkSize = 500;

    public async IAsyncEnumerable<DealRow> ReadAsync(DealQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, ConnectionNames>(StringComparer.Ordinal);
        var chunk = new List<Deal>(ChunkSize);
        await foreach (var deal in store.StreamDealsAsync(query, cancellationToken))
        {
            chunk.Add(deal);
            if (chunk.Count == ChunkSize)
            {
                foreach (var row in await ResolveAsync(chunk, names, cancellationToken))
                {
                    yield return row;
                }

                chunk.Clear();
            }
        }

        foreach (var row in await ResolveAsync(chunk, names, cancellationToken))
        {
            yield return row;
        }
    }

    private async Task<List<DealRow>> ResolveAsync(List<Deal> deals, Dictionary<string, ConnectionNames> cache, CancellationToken cancellationToken)
    {
        var rows = new List<DealRow>(deals.Count);
        foreach (var group in deals.GroupBy(d => d.Connection))
        {
            if (!cache.TryGetValue(group.Key, out var names))
            {
                names = await ConnectionNames.LoadAsync(store, group.Key, cancellationToken);
                cache[group.Key] = names;
            }

            var companyIds = group.Select(d => d.CompanyId).OfType<string>().Distinct().ToList();
            var companies = (await store.GetCompaniesAsync(group.Key, companyIds, cancellationToken)).ToDictionary(c => c.ExternalId, c => c.Name);
            rows.AddRange(group.Select(d => new DealRow(
                d.Connection, d.ExternalId, d.Name,
                names.Pipeline(d.PipelineId), names.Stage(d.PipelineId, d.StageId), d.Status.ToString(),
                d.Amount, d.Currency, names.Owner(d.OwnerId),
                d.CompanyId is not null && companies.TryGetValue(d.CompanyId, out var company) ? company : d.CompanyId,
                d.CreatedAt, d.UpdatedAt, d.StageEnteredAt, d.LastActivityAt, d.NextActivityAt, d.ClosedAt, d.LostReason)));
        }

        return rows;
    }
}
