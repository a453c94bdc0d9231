using System.Runtime.CompilerServices;
using System.Text;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Model;
using CrmBridge.Storage.Relational.Mapping;

namespace CrmBridge.Storage.Relational;

/// <summary>
/// Hygiene findings and sweeps. A sweep writes through one database transaction held from
/// <see cref="BeginSweepAsync"/> to <see cref="IHygieneSweepWriter.CompleteAsync"/>, so a sweep that fails half-way
/// leaves the findings as the previous sweep left them.
/// </summary>
public abstract partial class RelationalCrmStore : IHygieneStore
{
    public async Task<IHygieneSweepWriter> BeginSweepAsync(HygieneSweepStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
            return await RelationalHygieneSweepWriter.StartAsync(connection, transaction, Dialect, start, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<HygieneFinding> StreamFindingsAsync(HygieneFindingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("1 = 1");
        AddFilter(command, where, "connection", query.Connection);
        AddFilter(command, where, "deal_id", query.DealId);
        AddFilter(command, where, "rule", query.Rule);
        if (query.OpenOnly)
        {
            where.Append(" AND resolved_at IS NULL");
        }

        Dialect.AddParameter(command, "limit", (long)query.Limit);
        command.CommandText = $"SELECT {HygieneMapping.FindingColumns} FROM hygiene_findings WHERE {where} " +
            "ORDER BY connection, deal_id, finding_key, first_seen_at LIMIT @limit";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return HygieneMapping.ReadFinding(reader, Dialect);
        }
    }

    public async Task<string?> GetNextDealIdAsync(string connection, string? afterId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            "SELECT external_id FROM deals WHERE connection = @connection AND removed_at IS NULL" +
            (afterId is null ? "" : " AND external_id > @after") + " ORDER BY connection, external_id LIMIT 1",
            command =>
            {
                Dialect.AddParameter(command, "connection", connection);
                if (afterId is not null)
                {
                    Dialect.AddParameter(command, "after", afterId);
                }
            },
            (reader, _) => reader.GetString(0),
            cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async IAsyncEnumerable<Deal> StreamDealsAfterAsync(string connection, string afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await OpenConnectionAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT {DealMapping.SelectColumns} FROM deals WHERE connection = @connection AND removed_at IS NULL " +
            "AND external_id > @after ORDER BY connection, external_id";
        Dialect.AddParameter(command, "connection", connection);
        Dialect.AddParameter(command, "after", afterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return DealMapping.Read(reader, Dialect);
        }
    }

    public async IAsyncEnumerable<Deal> StreamSweepDealsAsync(string connection, string? afterId, HygieneDealMembers members, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var deals = new SweepDealReader(connection, members, Dialect);
        await using var db = await OpenConnectionAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT {deals.Columns} FROM deals WHERE connection = @connection AND removed_at IS NULL " +
            (afterId is null ? "" : "AND external_id > @after ") + "ORDER BY connection, external_id";
        Dialect.AddParameter(command, "connection", connection);
        if (afterId is not null)
        {
            Dialect.AddParameter(command, "after", afterId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return deals.Read(reader);
        }
    }

    public Task<IReadOnlyList<HygieneSweepRecord>> GetSweepsAsync(string connection, int limit, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {HygieneMapping.SweepColumns} FROM hygiene_sweeps WHERE connection = @connection ORDER BY completed_at DESC, sweep_id LIMIT @limit",
        command =>
        {
            Dialect.AddParameter(command, "connection", connection);
            Dialect.AddParameter(command, "limit", (long)limit);
        },
        HygieneMapping.ReadSweep,
        cancellationToken);
}
