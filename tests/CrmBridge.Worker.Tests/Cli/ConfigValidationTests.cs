namespace CrmBridge.Worker.Tests.Cli;

public sealed class ConfigValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sync_WithUnknownCrmKind_FailsNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Connections:acme:Kind", "Salesforce"), ("CrmBridge:Connections:acme:Token", "t")), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Connections:acme:Kind 'Salesforce' is not a known CRM", run.Error);
        Assert.Contains("HubSpot", run.Error);
    }

    [Fact]
    public async Task Sync_WithMissingToken_FailsNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Connections:acme:Kind", "HubSpot")), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Connections:acme:Token", run.Error);
    }

    [Fact]
    public async Task Sync_WithTokenFromUnsetVariable_NamesTheVariableNotASecret()
    {
        var run = await CliRun.InvokeAsync(
            Config(("CrmBridge:Connections:acme:Kind", "HubSpot"), ("CrmBridge:Connections:acme:Token", "env:CRMBRIDGE_TEST_SURELY_UNSET_TOKEN")),
            "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Connections:acme:Token refers to environment variable CRMBRIDGE_TEST_SURELY_UNSET_TOKEN, which is not set", run.Error);
    }

    [Theory]
    [InlineData("every day")]
    [InlineData("61 * * * *")]
    [InlineData("")]
    public async Task Sync_WithBadCron_FailsNamingTheKey(string cron)
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Jobs:Sync:Cron", cron)), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Jobs:Sync:Cron", run.Error);
    }

    [Fact]
    public async Task Run_WithBadCron_FailsBeforeStarting()
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Jobs:Sync:Cron", "0 25 * * *"), ("CrmBridge:Dashboard:Port", "0")), "run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Jobs:Sync:Cron '0 25 * * *'", run.Error);
    }

    [Fact]
    public async Task Sync_WithUnknownStorageProvider_FailsNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Storage:Provider", "Oracle")), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Storage:Provider 'Oracle' is not supported", run.Error);
    }

    [Fact]
    public async Task Sync_WithPostgresButNoConnectionString_FailsNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(Config(("CrmBridge:Storage:Provider", "Postgres")), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Storage:PostgresConnectionString is required", run.Error);
    }

    [Fact]
    public async Task Sync_WithSeveralErrors_ReportsThemAll()
    {
        var run = await CliRun.InvokeAsync(
            Config(("CrmBridge:Connections:a:Kind", "Nope"), ("CrmBridge:Connections:b:Kind", "HubSpot"), ("CrmBridge:Jobs:Sync:Cron", "bad")),
            "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CrmBridge:Connections:a:Kind", run.Error);
        Assert.Contains("CrmBridge:Connections:b:Token", run.Error);
        Assert.Contains("CrmBridge:Jobs:Sync:Cron", run.Error);
    }

    [Fact]
    public async Task Sync_WithMissingConfigFile_FailsNamingTheFile()
    {
        var missing = _dir.File("nope.json");
        var run = await CliRun.InvokeAsync(Config(), "sync", "--config", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--config {missing}: file not found", run.Error);
    }

    [Fact]
    public async Task Sync_WithMalformedConfigFile_FailsSayingSo()
    {
        var path = _dir.File("bad.json");
        await File.WriteAllTextAsync(path, "{ \"CrmBridge\": { ");
        var run = await CliRun.InvokeAsync(Config(), "sync", "--config", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Could not parse the JSON file", run.Error);
        Assert.Contains("bad.json", run.Error);
    }

    [Fact]
    public async Task Sync_WithNoConnections_SaysHowToAddOne()
    {
        var run = await CliRun.InvokeAsync(Config(), "sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No connections are configured", run.Error);
    }

    private Dictionary<string, string?> Config(params (string Key, string? Value)[] values)
    {
        var config = new Dictionary<string, string?> { ["CrmBridge:Storage:SqlitePath"] = _dir.File("store.db") };
        foreach (var (key, value) in values)
        {
            config[key] = value;
        }

        return config;
    }
}
