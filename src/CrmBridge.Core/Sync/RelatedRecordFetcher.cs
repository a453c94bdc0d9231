using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;

namespace CrmBridge.Core.Sync;

/// <summary>
/// Collects the company and contact ids that synced deals link to and fetches them in full batches,
/// so a sync issues as few batch reads as the CRM's batch size allows. Each id is fetched once per run.
/// </summary>
internal sealed class RelatedRecordFetcher(ICrmAdapter adapter)
{
    private readonly IdBuffer _companies = new();
    private readonly IdBuffer _contacts = new();

    public int CompaniesFetched { get; private set; }

    public int ContactsFetched { get; private set; }

    public void Add(IEnumerable<Deal> deals)
    {
        foreach (var deal in deals)
        {
            _companies.Add(deal.CompanyId);
            foreach (var contactId in deal.ContactIds)
            {
                _contacts.Add(contactId);
            }
        }
    }

    public void AddIds(IEnumerable<string> companyIds, IEnumerable<string> contactIds)
    {
        foreach (var id in companyIds)
        {
            _companies.Add(id);
        }

        foreach (var id in contactIds)
        {
            _contacts.Add(id);
        }
    }

    /// <summary>Fetches every full batch; with <paramref name="final"/>, the remainder too.</summary>
    public async Task FlushAsync(ICrmStore store, bool final, CancellationToken cancellationToken)
    {
        var batchSize = adapter.Capabilities.MaxBatchReadSize;
        while (_companies.TryTake(batchSize, final, out var ids))
        {
            var companies = await adapter.GetCompaniesAsync(ids, cancellationToken);
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.UpsertCompaniesAsync(companies, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CompaniesFetched += companies.Count;
        }

        while (_contacts.TryTake(batchSize, final, out var ids))
        {
            var contacts = await adapter.GetContactsAsync(ids, cancellationToken);
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.UpsertContactsAsync(contacts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            ContactsFetched += contacts.Count;
        }
    }

    private sealed class IdBuffer
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _pending = [];

        public void Add(string? id)
        {
            if (!string.IsNullOrEmpty(id) && _seen.Add(id))
            {
                _pending.Add(id);
            }
        }

        public bool TryTake(int batchSize, bool final, out IReadOnlyList<string> batch)
        {
            if (_pending.Count == 0 || (_pending.Count < batchSize && !final))
            {
                batch = [];
                return false;
            }

            var count = Math.Min(batchSize, _pending.Count);
            batch = _pending.GetRange(0, count);
            _pending.RemoveRange(0, count);
            return true;
        }
    }
}
