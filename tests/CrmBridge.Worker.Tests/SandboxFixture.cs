using CrmBridge.Sandbox;
using CrmBridge.Worker.Hosting;

namespace CrmBridge.Worker.Tests;

/// <summary>A fresh sandbox and store per test, and the configuration that points the CLI at both.</summary>
internal sealed class SandboxFixture : IAsyncDisposable
{
    public const string Connection = "sandbox-hubspot";
    private readonly TempDirectory _dir = new();

    public SandboxFixture(int deals = 300)
    {
        Sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = deals });
        StorePath = _dir.File("store.db");
        Config = ConnectionConfiguration.ToConfiguration(Sandbox.HubSpot.CreateConnectionOptions(Connection));
        Config["CrmBridge:Storage:SqlitePath"] = StorePath;
    }

    public CrmSandbox Sandbox { get; }

    public string StorePath { get; }

    /// <summary>Overrides for <see cref="Cli.CliRun"/>; tests may add to them.</summary>
    public Dictionary<string, string?> Config { get; }

    public TempDirectory Directory => _dir;

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
