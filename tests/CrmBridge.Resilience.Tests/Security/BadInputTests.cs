using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Storage.Sqlite;

namespace CrmBridge.Resilience.Tests.Security;

/// <summary>
/// Bad input from either side: a configuration that is broken gives a clear message naming the key (exit 2, no stack
/// trace); hostile values in a CRM (huge strings, control characters, SQL fragments, spreadsheet formulas, JSON
/// breakers) are stored exactly and exported safely, and nothing else is lost on the way.
/// </summary>
[Trait("Category", "Security")]
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> BrokenConfigurations => new()
    {
        { "json", "{ \"CrmBridge\": { \"Connections\": { ", "Configuration is invalid" },
        { "CrmBridge:Dashboard:Port", "eighty", "CrmBridge:Dashboard:Port" },
        { "CrmBridge:Connections:bad:Kind", "Salesforce", "CrmBridge:Connections:bad:Kind" },
        { "CrmBridge:Connections:sandbox-hubspot:RateLimit:PermitLimit", "-5", "CrmBridge:Connections:sandbox-hubspot:RateLimit" },
        { "CrmBridge:Connections:sandbox-hubspot:Token", "env:CRMBRIDGE_TEST_VARIABLE_THAT_IS_NOT_SET", "CrmBridge:Connections:sandbox-hubspot:Token" },
        { "CrmBridge:Storage:Provider", "Oracle", "CrmBridge:Storage:Provider" },
        { "CrmBridge:Jobs:Sync:Cron", "every day", "CrmBridge:Jobs:Sync:Cron" },
    };

    public static TheoryData<CrmKind, string, string> HostileNames
    {
        get
        {
            var values = new Dictionary<string, string>
            {
                ["huge"] = "huge.example - " + new string('x', 100_000),
                ["control characters"] = "ctl.example - \u0007bell \u001b[31mred\u001b[0m\r\nsecond line\ttab",
                ["sql"] = "sql.example - '; DROP TABLE deals; -- Robert'); DELETE FROM deals WHERE 1=1;--",
                ["formula"] = "=HYPERLINK(\"http://evil.example\",\"click\")",
                ["json breaker"] = "json.example - \"}]},{\"id\":\"1\\u0000",
                ["bidi and emoji"] = "bidi.example - \u202Egnp.exe \U0001F4B0 Ωмега",
            };
            var data = new TheoryData<CrmKind, string, string>();
            foreach (var kind in SandboxCrms.Kinds)
            {
                foreach (var (name, value) in values)
                {
                    data.Add(kind, name, value);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BrokenConfigurations))]
    public async Task Sync_WithABrokenConfiguration_ExitsTwoNamingTheProblem(string key, string value, string expected)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        // The dashboard is read by `run` only; everything else by every command.
        var args = new List<string> { key.StartsWith("CrmBridge:Dashboard", StringComparison.Ordinal) ? "run" : "sync" };
        if (key == "json")
        {
            var file = directory.File("broken.json");
            await File.WriteAllTextAsync(file, value);
            args.AddRange(["--config", file]);
        }
        else
        {
            configuration[key] = value;
            if (key.Contains(":RateLimit:", StringComparison.Ordinal))
            {
                configuration[key[..key.LastIndexOf(':')] + ":Enabled"] = "true";
            }
        }

        using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), [.. args]);

        Assert.Equal(2, worker.ExitCode);
        Assert.Contains(expected, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", worker.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("store.db")) && new FileInfo(directory.File("store.db")).Length > 0 && key == "json", "a broken configuration still touched the store");
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Sync_OfAHostileDealName_StoresItExactlyAndExportsItSafely(CrmKind kind, string what, string name)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 30 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        var storePath = directory.File("store.db");
        await using var host = new ResilienceHost(crm, storePath);
        await host.InitializeAsync();
        await host.SyncAsync(full: true);
        var dealId = crm.GetDealId(sandbox.Dataset.Deals[3].Key);
        try
        {
            crm.RenameDeal(dealId, name);
        }
        catch (ArgumentException ex)
        {
            // The CRM itself refuses the value (as a real one would): nothing reaches CrmBridge.
            Assert.False(string.IsNullOrEmpty(ex.Message));
            return;
        }

        var held = crm.GetDealState(dealId).Name;
        var summary = await host.SyncAsync(full: true);

        var stored = await host.Store.GetDealAsync(host.Connection.Name, dealId, CancellationToken.None);
        Assert.Equal(held, stored?.Name);
        Assert.Equal(0, summary.Skipped);
        Assert.Equal(crm.DealCount, await host.Store.CountDealsAsync(new(host.Connection.Name), CancellationToken.None));

        var configuration = WorkerConfiguration.ForSandbox(sandbox, storePath);
        using var json = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), "deals", "--connection", host.Connection.Name, "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains(held, JsonNames(json.Output));

        using var csv = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), "deals", "--connection", host.Connection.Name, "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.DoesNotContain("\n=HYPERLINK", csv.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv.Output, StringComparison.Ordinal);

        using var table = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), "deals", "--connection", host.Connection.Name);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.DoesNotContain('\u001b', table.Output);
        Assert.DoesNotContain('\u0007', table.Output);
        _ = what;
    }

    /// <summary>The deal names in <c>deals --format json</c> output (an array of rows, or an object holding one).</summary>
    private static List<string> JsonNames(string output)
    {
        var start = output.IndexOfAny(['[', '{']);
        using var document = JsonDocument.Parse(output[start..]);
        var names = new List<string>();
        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.NameEquals("name") && property.Value.ValueKind == JsonValueKind.String)
                        {
                            names.Add(property.Value.GetString()!);
                        }
                        else
                        {
                            Walk(property.Value);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                default:
                    break;
            }
        }

        Walk(document.RootElement);
        return names;
    }
}
