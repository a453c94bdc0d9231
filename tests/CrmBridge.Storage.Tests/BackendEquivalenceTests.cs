using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Sqlite;
using CrmBridge.Storage.Tests.Contract;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Storage.Tests;

/// <summary>The same writes into both backends leave the same mirror.</summary>
public sealed class BackendEquivalenceTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>, IAsyncLifetime
{
    private const string Connection = "equivalence";
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 8, 30, 0, 250, 125, TimeSpan.Zero);

    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), "crmbridge-equivalence-" + Guid.NewGuid().ToString("N") + ".db");
    private SqliteCrmStore? _sqlite;
    private PostgresCrmStore? _postgres;

    [PostgresFact]
    public async Task UpsertDealsAsync_SameBatchesIntoBothBackends_StoresEqualMirrors()
    {
        var first = Enumerable.Range(0, 300).Select(Generate).ToList();
        var second = first
            .Where((_, i) => i % 7 != 0)
            .Select((d, i) => i % 5 == 0 ? d with { StageId = "proposal", StageEnteredAt = T0.AddDays(1) } : i % 5 == 1 ? d with { Amount = d.Amount + 0.5m } : d)
            .Append(Generate(1000))
            .ToList();

        var sqliteResults = await ApplyAsync(_sqlite!, first, second);
        var postgresResults = await ApplyAsync(_postgres!, first, second);

        Assert.Equal(sqliteResults, postgresResults);
        DealAssert.Equal(await ReadDealsAsync(_sqlite!), await ReadDealsAsync(_postgres!));
        Assert.Equal(await _sqlite!.GetStageTransitionsAsync(Connection, null, default), await _postgres!.GetStageTransitionsAsync(Connection, null, default));
        var sqliteMissing = await _sqlite.GetMissingRelatedIdsAsync(Connection, default);
        var postgresMissing = await _postgres.GetMissingRelatedIdsAsync(Connection, default);
        Assert.Equal(sqliteMissing.CompanyIds, postgresMissing.CompanyIds);
        Assert.Equal(sqliteMissing.ContactIds, postgresMissing.ContactIds);
    }

    public async Task InitializeAsync()
    {
        if (TestPostgres.ConnectionString is null)
        {
            return;
        }

        _sqlite = new SqliteCrmStore(_sqlitePath);
        _postgres = new PostgresCrmStore(await databases.CreateAsync());
        await _sqlite.MigrateAsync(default);
        await _postgres.MigrateAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_sqlitePath)!, Path.GetFileName(_sqlitePath) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<List<object>> ApplyAsync(ICrmStore store, IReadOnlyList<Deal> first, IReadOnlyList<Deal> second)
    {
        var results = new List<object>();
        await using var tx = await store.BeginAsync(default);
        results.Add(await tx.UpsertDealsAsync(first, new DealUpsertContext(T0, "run-1"), default));
        results.Add(await tx.UpsertDealsAsync(second, new DealUpsertContext(T0.AddHours(1), "run-2"), default));
        results.Add(await tx.RemoveDealsNotSeenInRunAsync(Connection, "run-2", T0.AddHours(2), default));
        results.Add(await tx.RemoveDealsAsync(Connection, ["00010", "00011", "missing"], T0.AddHours(3), default));
        await tx.UpsertCompaniesAsync([new Company { Connection = Connection, ExternalId = "co-1", Name = "One" }], default);
        await tx.CommitAsync(default);
        return results;
    }

    private static async Task<List<Deal>> ReadDealsAsync(ICrmStore store) =>
        await store.StreamDealsAsync(new DealQuery(Connection), default).ToListAsync();

    private static Deal Generate(int i) => new()
    {
        Connection = Connection,
        ExternalId = i.ToString("D5"),
        Name = i % 3 == 0 ? $"Сделка №{i}" : $"Deal {i} \"quoted\"",
        PipelineId = i % 4 == 0 ? "cs" : "sales",
        StageId = i % 2 == 0 ? "qualified" : "negotiation",
        Amount = i % 6 == 0 ? null : 1000.10m * i,
        Currency = i % 6 == 0 ? null : "RUB",
        OwnerId = $"u{i % 5}",
        CompanyId = i % 3 == 0 ? null : $"co-{i % 20}",
        ContactIds = [.. Enumerable.Range(0, i % 4).Select(c => $"p-{(i + c) % 30}")],
        CreatedAt = T0.AddDays(-i).AddTicks(i * 10),
        UpdatedAt = T0.AddMinutes(-i),
        StageEnteredAt = i % 2 == 0 ? T0.AddHours(-i) : null,
        LastActivityAt = i % 3 == 0 ? null : T0.AddDays(-i % 40),
        NextActivityAt = i % 5 == 0 ? T0.AddDays(3) : null,
        Status = (DealStatus)(i % 3),
        ClosedAt = i % 3 == 0 ? null : T0.AddDays(-1),
        LostReason = i % 3 == 2 ? "price" : null,
        Fields = i % 2 == 0
            ? new Dictionary<string, string?> { ["deal.source"] = $"src{i % 4}", ["deal.empty"] = null, ["deal.z"] = "ё" }
            : new Dictionary<string, string?>(),
    };
}
