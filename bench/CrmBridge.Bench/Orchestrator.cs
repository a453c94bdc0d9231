using System.Globalization;
using System.Text.Json;
using CrmBridge.Bench.Children;
using CrmBridge.Bench.Output;
using CrmBridge.Bench.Runs;
using CrmBridge.Core.Model;

namespace CrmBridge.Bench;

/// <summary>Runs each measurement in child processes and prints the tables.</summary>
internal static class Orchestrator
{
    private static readonly string[] Sections = ["sync", "incremental", "limited", "store", "sweep"];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var quick = args.Flag("quick");
        var only = args.List("only");
        bool Wanted(string section) => only.Count == 0 || only.Contains(section);
        if (only.Except(Sections, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } unknown)
        {
            throw new BenchUsageException($"--only {unknown}: not a section; use {string.Join(",", Sections)}.");
        }

        var work = Path.Combine(Path.GetTempPath(), "crmbridge-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var sizes = args.Value("deals") is { } dealSizes
            ? [.. dealSizes.Split(',').Select(d => int.Parse(d, NumberStyles.Integer, CultureInfo.InvariantCulture))]
            : quick ? new[] { 2_000, 10_000 } : [10_000, 100_000];
        var crms = args.List("crms");
        bool Measured(CrmKind kind) => crms.Count == 0 || crms.Contains(kind.ToString());
        var limitedDeals = args.Int("limited-deals", quick ? 2_000 : 10_000);
        var storeDeals = args.Int("store-deals", quick ? 100_000 : 1_000_000);
        var postgres = args.Value("postgres") ?? Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_POSTGRES");

        Console.WriteLine($"# CrmBridge benchmark{(quick ? " (--quick)" : "")}");
        Console.WriteLine();
        Console.WriteLine("Machine: " + MachineDescription.Describe());
        Console.WriteLine();
        var tables = new List<MarkdownTable>();
        try
        {
            if (Wanted("sync") || Wanted("incremental"))
            {
                var (sync, incremental, details) = await SyncAsync(work, sizes, Wanted("sync"), Wanted("incremental"), Measured);
                tables.AddRange([sync, incremental, .. details]);
            }

            if (Wanted("limited"))
            {
                tables.Add(await LimitedAsync(work, limitedDeals, Measured));
            }

            string? storeFile = null;
            string? connectionFile = null;
            if (Wanted("store") || Wanted("sweep"))
            {
                (var store, storeFile, connectionFile) = await StoreAsync(work, storeDeals, postgres, Wanted("store"));
                tables.Add(store);
            }

            if (Wanted("sweep") && storeFile is not null && connectionFile is not null)
            {
                tables.Add(await SweepAsync(storeFile, connectionFile, storeDeals));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }

        Console.WriteLine();
        Console.WriteLine("## Results");
        Console.WriteLine();
        foreach (var table in tables.Where(t => !t.IsEmpty))
        {
            Console.WriteLine(table);
        }

        return 0;
    }

    private static async Task<(MarkdownTable Sync, MarkdownTable Incremental, MarkdownTable[] Details)> SyncAsync(
        string work, int[] sizes, bool full, bool incremental, Func<CrmKind, bool> measured)
    {
        var sync = new MarkdownTable(
            "Full sync, client limiter off (sandbox in its own process)",
            "CRM", "Deals", "Related", "Requests", "Minimum (deals + related)", "Required minimum", "Ratio to required", "Ratio to deals + related",
            "Time s", "Deals/s", "Peak MB");
        var changes = new MarkdownTable(
            "Incremental sync after 100 changed deals",
            "CRM", "Deals", "Read in the window", "Requests", "Minimum (deals + related)", "Required minimum", "Ratio to required", "Ratio to deals + related",
            "Time s", "Peak MB");
        var required = new MarkdownTable("Further lists counted in the required minimum", "CRM", "Run", "List", "Requests");
        var endpoints = new MarkdownTable("Requests by endpoint, as the sandbox CRM received them", "CRM", "Run", "Endpoint", "Requests");
        foreach (var size in sizes)
        {
            Progress($"sync: starting a sandbox with {size:N0} deals");
            await using var sandbox = ChildProcess.Start("serve", "--deals", Arg(size));
            var ready = await sandbox.ReadAsync<SandboxReady>(ChildProtocol.Ready);
            foreach (var connection in ready.Connections.Where(c => measured(c.Kind)))
            {
                var kind = connection.Kind.ToString();
                var connectionFile = Path.Combine(work, $"{connection.Kind}-{size}.json");
                await File.WriteAllTextAsync(connectionFile, JsonSerializer.Serialize(connection, ChildProtocol.Json));
                foreach (var related in full ? new[] { true, false } : [true])
                {
                    var store = Path.Combine(work, $"{connection.Kind}-{size}-{(related ? "related" : "deals")}.db");
                    Progress($"sync: {connection.Kind}, {size:N0} deals, {(related ? "with" : "without")} related records");
                    var args = new List<string> { "sync", "--connection", connectionFile, "--store", store, "--full" };
                    if (!related)
                    {
                        args.Add("--deals-only");
                    }

                    await sandbox.CommandAsync($"reset {kind}");
                    var result = await TryAsync(() => ChildProcess.RunAsync<SyncResult>([.. args]), sync, kind, Text(size), related ? "yes" : "no");
                    if (result is null)
                    {
                        continue;
                    }

                    var run = $"full, {Text(size)}{(related ? "" : ", without related")}";
                    var minimum = Pages(result.DealsFetched, result.PageSize) + result.ReferenceRequests
                        + (related ? Pages(ready.LinkedCompanies, result.BatchSize) + Pages(ready.LinkedContacts, result.BatchSize) : 0);
                    var further = (await sandbox.QueryAsync<RequiredAnswer>($"required {kind} 0 {(related ? "related" : "deals")}", ChildProtocol.Required)).Reads;
                    var least = minimum + further.Sum(r => r.Requests);
                    if (full)
                    {
                        sync.Add(
                            kind, Text(result.DealsFetched), related ? "yes" : "no", Text(result.Requests), Text(minimum), Text(least),
                            Ratio(result.Requests, least), Ratio(result.Requests, minimum), Fixed(result.Seconds),
                            Text((long)(result.DealsFetched / result.Seconds)), Fixed(result.PeakMegabytes, "0"));
                        if (size == sizes[0])
                        {
                            AddDetails(required, endpoints, kind, run, further, await sandbox.QueryAsync<Dictionary<string, int>>($"requests {kind}", ChildProtocol.Requests));
                        }
                    }

                    if (incremental && related && size == sizes[^1])
                    {
                        await sandbox.CommandAsync($"change {kind} 100");
                        await sandbox.CommandAsync($"reset {kind}");
                        Progress($"incremental: {connection.Kind}, {size:N0} deals, 100 changed");
                        var next = await TryAsync(() => ChildProcess.RunAsync<SyncResult>("sync", "--connection", connectionFile, "--store", store), changes, kind, Text(size));
                        if (next is null)
                        {
                            continue;
                        }

                        // The window's deals in full pages (at least one), their companies and contacts in full batches, the fixed reads, one page of the removed-deals feed.
                        var changed = await sandbox.QueryAsync<RequiredAnswer>($"required {kind} 100 related {Arg(next.DealsFetched)}", ChildProtocol.Required);
                        var changedMinimum = Pages(Math.Max(1, next.DealsFetched), next.PageSize) + Pages(changed.LinkedCompanies, next.BatchSize) + Pages(changed.LinkedContacts, next.BatchSize)
                            + next.ReferenceRequests + (next.HasRemovedDealsFeed ? 1 : 0);
                        var changedFurther = changed.Reads;
                        var changedLeast = changedMinimum + changedFurther.Sum(r => r.Requests);
                        changes.Add(
                            kind, Text(size), Text(next.DealsFetched), Text(next.Requests), Text(changedMinimum), Text(changedLeast), Ratio(next.Requests, changedLeast),
                            Ratio(next.Requests, changedMinimum), Fixed(next.Seconds), Fixed(next.PeakMegabytes, "0"));
                        AddDetails(
                            required, endpoints, kind, $"incremental, {Text(size)}, 100 changed", changedFurther,
                            await sandbox.QueryAsync<Dictionary<string, int>>($"requests {kind}", ChildProtocol.Requests));
                    }
                }
            }
        }

        return (sync, changes, [required, endpoints]);
    }

    private static void AddDetails(
        MarkdownTable required, MarkdownTable endpoints, string kind, string run, List<RequiredRead> further, Dictionary<string, int> counts)
    {
        foreach (var read in further)
        {
            required.Add(kind, run, read.What, Text(read.Requests));
        }

        foreach (var (endpoint, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            endpoints.Add(kind, run, "`" + endpoint + "`", Text(count));
        }
    }

    private static async Task<MarkdownTable> LimitedAsync(string work, int deals, Func<CrmKind, bool> measured)
    {
        var table = new MarkdownTable(
            $"Full sync of {deals:N0} deals with related records, client limiter on (adapter default), sandbox enforcing the CRM's documented limit",
            "CRM", "Sandbox limit", "Requests", "Slow-down answers", "Time s", "Bound s", "Time / bound", "Window bound s", "Time / window bound");
        Progress($"limited: starting a rate-limited sandbox with {deals:N0} deals");
        await using var sandbox = ChildProcess.Start("serve", "--deals", Arg(deals), "--limits");
        var ready = await sandbox.ReadAsync<SandboxReady>(ChildProtocol.Ready);
        foreach (var connection in ready.Connections.Where(c => measured(c.Kind)))
        {
            if (!DocumentedLimits.All.TryGetValue(connection.Kind, out var limit))
            {
                table.Add(connection.Kind.ToString(), "no documented limit in the bench", "", "", "", "", "");
                continue;
            }

            var connectionFile = Path.Combine(work, $"{connection.Kind}-limited.json");
            await File.WriteAllTextAsync(connectionFile, JsonSerializer.Serialize(connection, ChildProtocol.Json));
            Progress($"limited: {connection.Kind} at {limit}");
            var result = await TryAsync(
                () => ChildProcess.RunAsync<SyncResult>("sync", "--connection", connectionFile, "--store", Path.Combine(work, $"{connection.Kind}-limited.db"), "--full", "--limiter"),
                table,
                connection.Kind.ToString(),
                limit.ToString());
            if (result is null)
            {
                continue;
            }

            var bound = limit.MinimumDuration(result.Requests).TotalSeconds;

            // A rolling window admits requests a window at a time, so R requests need ceil(R / P) - 1 whole windows after the first.
            var windows = limit.Burst is null
                ? Math.Max(0, Math.Ceiling((double)result.Requests / limit.PermitLimit) - 1) * limit.Window.TotalSeconds
                : bound;
            table.Add(
                connection.Kind.ToString(), limit.ToString(), Text(result.Requests), Text(result.RateLimited), Fixed(result.Seconds), Fixed(bound),
                bound > 0 ? (result.Seconds / bound).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "(within the first allowance)",
                Fixed(windows), windows > 0 ? (result.Seconds / windows).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-");
        }

        return table;
    }

    private static async Task<(MarkdownTable Table, string? SqliteFile, string? ConnectionFile)> StoreAsync(string work, int deals, string? postgres, bool show)
    {
        var table = new MarkdownTable(
            $"Bulk upsert of {deals:N0} deals (batches of 1,000, one transaction each)",
            "Store", "Deals", "Time s", "Deals/s", "Peak MB");
        var sqlite = Path.Combine(work, "store.db");
        var connectionFile = Path.Combine(work, "store-connection.json");
        Progress($"store: SQLite, {deals:N0} deals");
        var result = await ChildProcess.RunAsync<StoreResult>(
            "store", "--backend", "sqlite", "--deals", Arg(deals), "--store", sqlite, "--connection-out", connectionFile);
        table.Add("SQLite", Text(result.Deals), Fixed(result.Seconds), Text((long)(result.Deals / result.Seconds)), Fixed(result.PeakMegabytes, "0"));
        if (!show)
        {
            return (table, sqlite, connectionFile);
        }

        if (postgres is null)
        {
            table.Add("PostgreSQL", "skipped: give --postgres or set CRMBRIDGE_TEST_POSTGRES", "", "", "");
        }
        else
        {
            Progress($"store: PostgreSQL, {deals:N0} deals");
            var pg = await ChildProcess.RunAsync<StoreResult>("store", "--backend", "postgres", "--deals", Arg(deals), "--postgres", postgres);
            table.Add("PostgreSQL", Text(pg.Deals), Fixed(pg.Seconds), Text((long)(pg.Deals / pg.Seconds)), Fixed(pg.PeakMegabytes, "0"));
        }

        return (table, sqlite, connectionFile);
    }

    private static async Task<MarkdownTable> SweepAsync(string storeFile, string connectionFile, int deals)
    {
        var table = new MarkdownTable($"Jobs over {deals:N0} stored deals (SQLite, each in its own process)", "Job", "Deals", "Time s", "Deals/s", "Peak MB");
        foreach (var what in new[] { "hygiene", "cemetery" })
        {
            Progress($"sweep: {what}");
            var result = await ChildProcess.RunAsync<SweepResult>("sweep", "--what", what, "--store", storeFile, "--connection", connectionFile);
            table.Add(
                what == "hygiene" ? "Hygiene sweep" : "Cemetery scan", Text(result.Deals), Fixed(result.Seconds),
                Text((long)(result.Deals / result.Seconds)), Fixed(result.PeakMegabytes, "0"));
        }

        return table;
    }

    /// <summary>Runs one measurement; a failure becomes a row saying so, and the bench goes on.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> measure, MarkdownTable table, params string[] cells)
        where T : class
    {
        try
        {
            return await measure();
        }
        catch (InvalidOperationException ex)
        {
            var reason = ex.Message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal)) ?? ex.Message;
            table.Add([.. cells, "failed: " + reason.Replace("|", "/", StringComparison.Ordinal)]);
            Progress("failed: " + reason);
            return null;
        }
    }

    private static long Pages(long items, int size) => size <= 0 ? 0 : (items + size - 1) / size;

    private static string Ratio(long actual, long minimum) =>
        minimum <= 0 ? "-" : ((double)actual / minimum).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Arg(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
