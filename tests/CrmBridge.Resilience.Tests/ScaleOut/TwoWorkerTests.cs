using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;
using CrmBridge.TestKit;
using Npgsql;
using Xunit.Abstractions;

namespace CrmBridge.Resilience.Tests.ScaleOut;

/// <summary>
/// Two <c>crmbridge run</c> processes on one PostgreSQL database (Hangfire.PostgreSql), every recurring job on a
/// ten-second schedule (Hangfire looks for due recurring jobs every 15 seconds), the CRM slowed down so a sync outlasts
/// its period: each schedule tick is run once, by one worker, and no two syncs of the same connection ever overlap.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed partial class TwoWorkerTests(ITestOutputHelper output)
{
    private static readonly string[] Schedules = ["Sync", "Hygiene", "Cemetery", "CsCarryOver", "CsAdvance"];
    private const long Period = 10;
    private static readonly TimeSpan Observe = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task TwoWorkers_OnOnePostgres_RunEachTickOnceAndNeverOverlapAConnection()
    {
        var database = "crmbridge_scaleout_" + Guid.NewGuid().ToString("N")[..10];
        var admin = TestPostgres.RequireConnectionString();
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            // Every request takes a second, so a full sync of 600 deals (about 16 requests) outlasts the period.
            await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 600, Faults = new SandboxFaultOptions { Latency = TimeSpan.FromSeconds(1) } });
            using var directory = new TempDirectory();
            var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("unused.db"));
            configuration["CrmBridge:Storage:Provider"] = "Postgres";
            configuration["CrmBridge:Storage:PostgresConnectionString"] = connectionString;
            configuration["CrmBridge:Sync:FullSyncEvery"] = "00:00:01";
            foreach (var crm in sandbox.Crms)
            {
                configuration[$"CrmBridge:{crm.Kind}:Resilience:AttemptTimeout"] = "00:00:15";
            }

            configuration["Logging:LogLevel:Default"] = "Warning";
            configuration["Logging:LogLevel:CrmBridge"] = "Information";
            configuration["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
            configuration["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true";
            foreach (var schedule in Schedules)
            {
                configuration[$"CrmBridge:Jobs:{schedule}:Enabled"] = "true";
                configuration[$"CrmBridge:Jobs:{schedule}:Cron"] = $"*/{Period} * * * * *";
            }

            using var first = WorkerProcess.Start(directory.Path, WithDashboardPort(configuration), "run");
            using var second = WorkerProcess.Start(directory.Path, WithDashboardPort(configuration), "run");
            await Task.Delay(Observe);
            Assert.False(first.HasExited, first.ToString());
            Assert.False(second.HasExited, second.ToString());
            first.Kill();
            second.Kill();

            output.WriteLine("job states: " + await JobStatesAsync(connectionString));
            var ticks = await RecurringTicksAsync(connectionString);
            foreach (var group in ticks.GroupBy(t => t.RecurringJobId))
            {
                output.WriteLine($"{group.Key}: {group.Count()} runs, ticks {string.Join(" ", group.Select(t => t.Tick.ToString(CultureInfo.InvariantCulture)).Order())}");
                // Hangfire records when it triggered the job; the schedule tick it served is that time rounded down to the period.
                var repeated = group.GroupBy(t => t.Tick - (t.Tick % Period)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(repeated.Count == 0, $"{group.Key}: ticks run more than once: {string.Join(", ", repeated)}");
                Assert.True(group.Count() >= 3, $"{group.Key}: only {group.Count()} runs in {Observe.TotalSeconds} s");
            }

            var syncIds = sandbox.Crms.Select(c => "sync:" + c.CreateConnectionOptions().Name).ToList();
            Assert.All(syncIds, id => Assert.Contains(ticks, t => t.RecurringJobId == id));

            var runs = SyncRuns("first", first.Output).Concat(SyncRuns("second", second.Output)).ToList();
            foreach (var connection in runs.GroupBy(r => r.Connection))
            {
                var ordered = connection.OrderBy(r => r.Start).ToList();
                output.WriteLine($"sync of {connection.Key}: " + string.Join(", ", ordered.Select(r => $"{r.Worker} {r.Start:HH:mm:ss.fff}-{r.End:HH:mm:ss.fff}")));
                for (var i = 1; i < ordered.Count; i++)
                {
                    Assert.True(
                        ordered[i].Start >= ordered[i - 1].End,
                        $"sync of {connection.Key} ran twice at once: {ordered[i - 1]} and {ordered[i]}");
                }
            }

            Assert.NotEmpty(runs);
            var servers = await ProcessingServersAsync(connectionString);
            // Which worker takes a job is Hangfire's choice (queue polling), so sharing is reported, not required.
            output.WriteLine($"Hangfire servers that processed jobs: {servers}");
            var skipped = SkippedLine().Matches(first.Output + second.Output).Count;
            output.WriteLine($"runs skipped because another worker held the connection: {skipped}");
            Assert.True(skipped > 0, "no run ever found the connection busy: the overlap case was not exercised");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static Dictionary<string, string?> WithDashboardPort(Dictionary<string, string?> configuration)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return new Dictionary<string, string?>(configuration) { ["CrmBridge:Dashboard:Port"] = port.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>Each background job Hangfire created from a recurring job, with the schedule tick it was created for.</summary>
    private static async Task<List<(string RecurringJobId, long Tick)>> RecurringTicksAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.value, t.value FROM hangfire.jobparameter r
            JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
            WHERE r.name = 'RecurringJobId'
            """,
            connection);
        var ticks = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ticks.Add((reader.GetString(0).Trim('"'), long.Parse(reader.GetString(1).Trim('"'), CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    private static async Task<long> ProcessingServersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT data::jsonb ->> 'ServerId') FROM hangfire.state WHERE name = 'Processing'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> JobStatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(statename, '?') || ' ' || count(*) FROM hangfire.job GROUP BY statename", connection);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        return string.Join(", ", states);
    }

    private static IEnumerable<SyncRun> SyncRuns(string worker, string log)
    {
        var started = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var line in log.Split('\n'))
        {
            if (StartLine().Match(line) is { Success: true } start)
            {
                started[start.Groups["connection"].Value] = Time(start);
            }
            else if (DoneLine().Match(line) is { Success: true } done && started.Remove(done.Groups["connection"].Value, out var from))
            {
                yield return new SyncRun(worker, done.Groups["connection"].Value, from, Time(done));
            }
        }
    }

    private static DateTime Time(Match match) => DateTime.ParseExact(match.Groups["time"].Value, "HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"^(?<time>\d\d:\d\d:\d\d\.\d{3}) .*Sync of (?<connection>\S+) starting")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^(?<time>\d\d:\d\d:\d\d\.\d{3}) .*Sync of (?<connection>\S+) done")]
    private static partial Regex DoneLine();

    [GeneratedRegex("already running elsewhere")]
    private static partial Regex SkippedLine();

    private sealed record SyncRun(string Worker, string Connection, DateTime Start, DateTime End);
}
