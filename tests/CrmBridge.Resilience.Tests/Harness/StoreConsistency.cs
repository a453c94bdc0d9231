using CrmBridge.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>What must hold of a store after any crash: the file is sound, and what it holds agrees with itself.</summary>
internal static class StoreConsistency
{
    public static async Task<IReadOnlyList<string>> CheckAsync(string sqlitePath, ICrmStore store, IEnumerable<string> connections)
    {
        var problems = new List<string>();
        if (!File.Exists(sqlitePath))
        {
            return problems;
        }

        await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = false }.ConnectionString))
        {
            await db.OpenAsync();
            await using var integrity = db.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            var result = (string?)await integrity.ExecuteScalarAsync();
            if (result != "ok")
            {
                problems.Add("integrity_check: " + result);
            }

            await using var tables = db.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'deals'";
            if ((long)(await tables.ExecuteScalarAsync())! == 0)
            {
                // Killed before the first migration finished: nothing else to check.
                return problems;
            }
        }

        foreach (var connection in connections)
        {
            var latest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var transition in await store.GetStageTransitionsAsync(connection, null, CancellationToken.None))
            {
                if (latest.TryGetValue(transition.DealId, out var previous) && previous == transition.ToStageId)
                {
                    problems.Add($"{connection}: deal {transition.DealId} has the transition to {transition.ToStageId} twice in a row");
                }

                latest[transition.DealId] = transition.ToStageId;
            }

            await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection), CancellationToken.None))
            {
                if (!latest.TryGetValue(deal.ExternalId, out var stage))
                {
                    problems.Add($"{connection}: deal {deal.ExternalId} has no stage transition");
                }
                else if (stage != deal.StageId)
                {
                    problems.Add($"{connection}: deal {deal.ExternalId} is in {deal.StageId} but its last transition went to {stage}");
                }
            }

            var cursor = await store.GetCursorAsync(connection, Core.Sync.SyncCursor.DealsEntity, CancellationToken.None);
            if (cursor is { InProgress: false, HighWaterMark: null } && await store.CountDealsAsync(new DealQuery(connection), CancellationToken.None) > 0)
            {
                problems.Add($"{connection}: a completed cursor without a high-water mark although deals are stored");
            }
        }

        return problems;
    }
}
