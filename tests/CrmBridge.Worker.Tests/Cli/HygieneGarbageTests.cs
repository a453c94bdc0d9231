using System.Text.Json;
using CrmBridge.Core.Hygiene;
using Microsoft.Data.Sqlite;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class HygieneGarbageTests
{
    [Fact]
    public async Task Hygiene_GarbageInTheStore_BecomesFindingsOrASkippedRowAndTheSweepCompletes()
    {
        await using var fixture = new SandboxFixture(deals: 40);
        Assert.Equal(0, (await CliRun.InvokeAsync(fixture.Config, "sync")).ExitCode);
        var huge = string.Concat(Enumerable.Repeat("Сделка 🚀 ", 600));
        await using (var connection = new SqliteConnection($"Data Source={fixture.StorePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TEMP TABLE copy AS SELECT * FROM deals WHERE rowid = (SELECT MIN(rowid) FROM deals);
                UPDATE copy SET external_id = 'zz-unreadable', fields = '{"deal.source": 5}';
                INSERT INTO deals SELECT * FROM copy;
                UPDATE copy SET external_id = 'zz-huge', name = @huge, fields = '{"deal.source": "\u0000🚀"}', owner_id = NULL, amount = NULL;
                INSERT INTO deals SELECT * FROM copy;
                """;
            command.Parameters.AddWithValue("@huge", huge);
            await command.ExecuteNonQueryAsync();
        }

        var run = await CliRun.InvokeAsync(fixture.Config, "hygiene", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[0];
        Assert.Equal(1, report.GetProperty("sweep").GetProperty("dealsSkipped").GetInt64());
        Assert.Equal(41, report.GetProperty("sweep").GetProperty("dealsSwept").GetInt64());
        Assert.Equal("zz-unreadable", report.GetProperty("skipped")[0].GetProperty("dealId").GetString());
        var huged = HygieneTestSupport.Findings(run).Where(f => f.GetProperty("dealId").GetString() == "zz-huge").ToList();
        Assert.Contains(huged, f => f.GetProperty("check").GetString() == HygieneChecks.Oversized);
        Assert.Contains(huged, f => f.GetProperty("field").GetString() == HygieneFields.DealOwner);
        Assert.Contains(huged, f => f.GetProperty("field").GetString() == HygieneFields.DealAmount);
    }
}
