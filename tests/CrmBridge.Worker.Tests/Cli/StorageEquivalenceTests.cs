using CrmBridge.TestKit;
using Npgsql;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class StorageEquivalenceTests
{
    [PostgresFact]
    public async Task Sync_IntoSqliteAndPostgres_StoresTheSameDeals()
    {
        await using var fixture = new SandboxFixture(deals: 150);
        var database = "crmbridge_e2e_" + Guid.NewGuid().ToString("N")[..12];
        var admin = TestPostgres.RequireConnectionString();
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        try
        {
            var postgres = new Dictionary<string, string?>(fixture.Config)
            {
                ["CrmBridge:Storage:Provider"] = "Postgres",
                ["CrmBridge:Storage:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
            };

            Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
            Assert.Equal(0, (await CliRun.InvokeAsync(postgres, "sync")).ExitCode);
            var fromSqlite = await CliRun.InvokeAsync(fixture.Config, "deals", "--format", "json");
            var fromPostgres = await CliRun.InvokeAsync(postgres, "deals", "--format", "json");

            Assert.Equal(0, fromPostgres.ExitCode);
            Assert.Equal(150, System.Text.Json.JsonDocument.Parse(fromSqlite.Output).RootElement.GetArrayLength());
            Assert.Equal(fromSqlite.Output, fromPostgres.Output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
