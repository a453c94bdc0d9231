using System.Diagnostics;
using System.Text.Json;
using CrmBridge.Bench.Runs;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmBridge.Bench.Children;

/// <summary>
/// <c>store --backend sqlite|postgres --deals N [--store FILE] [--postgres CONNECTION] [--connection-out FILE]</c>: syncs a
/// small sandbox CRM for real pipelines, owners, companies and contacts, then upserts N deals made from its deals (new ids,
/// same shape) in batches through the product's store, as the sync does, and times only that. The SQLite file is kept for
/// the sweep runs.
/// </summary>
internal static class StoreChild
{
    private const int BatchSize = 1000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var backend = args.Required("backend");
        var count = args.Int("deals", 1_000_000);
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 2000 });
        var crm = sandbox.Crms[0];
        var connection = BenchConnection.From(crm.CreateConnectionOptions());
        var configuration = connection.ToConfiguration(limiter: false);
        string? database = null;
        string? adminConnection = null;
        if (string.Equals(backend, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            adminConnection = args.Required("postgres");
            database = "crmbridge_bench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(adminConnection, $"CREATE DATABASE {database}");
            configuration["CrmBridge:Storage:Provider"] = "Postgres";
            configuration["CrmBridge:Storage:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
        }
        else
        {
            configuration["CrmBridge:Storage:SqlitePath"] = args.Required("store");
        }

        try
        {
            await using var services = ProductServices.Build(configuration);
            var store = services.GetRequiredService<ICrmStore>();
            await store.MigrateAsync(CancellationToken.None);
            await services.GetRequiredService<SyncEngine>().SyncAsync(connection.Name, full: true, progress: null, CancellationToken.None);
            var templates = new List<Deal>();
            await foreach (var deal in store.StreamDealsAsync(new DealQuery(connection.Name), CancellationToken.None))
            {
                templates.Add(deal);
            }

            var stopwatch = Stopwatch.StartNew();
            var context = new DealUpsertContext(templates[0].UpdatedAt, SyncRunId: null);
            for (var start = 0; start < count; start += BatchSize)
            {
                var batch = new List<Deal>(BatchSize);
                for (var i = start; i < Math.Min(count, start + BatchSize); i++)
                {
                    var template = templates[i % templates.Count];
                    batch.Add(template with
                    {
                        ExternalId = "bench-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                        UpdatedAt = template.UpdatedAt.AddSeconds(i % 977),
                    });
                }

                await using var transaction = await store.BeginAsync(CancellationToken.None);
                await transaction.UpsertDealsAsync(batch, context, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (args.Value("connection-out") is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(connection, ChildProtocol.Json));
            }

            ChildProtocol.Write(ChildProtocol.Result, new StoreResult(backend, count, BatchSize, seconds, PeakMemory.Megabytes()));
        }
        finally
        {
            if (database is not null && adminConnection is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(adminConnection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }

        return 0;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
