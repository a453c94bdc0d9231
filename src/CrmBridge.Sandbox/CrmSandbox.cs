using CrmBridge.Sandbox.AmoCrm;
using CrmBridge.Sandbox.Bitrix24;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Faults;
using CrmBridge.Sandbox.HubSpot;
using CrmBridge.Sandbox.Pipedrive;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox;

/// <summary>
/// The seeded sales dataset served in-process by fake CRM APIs on one loopback HTTP server, for <c>crmbridge demo</c>,
/// <c>crmbridge sandbox</c> and tests. Each CRM dialect owns its own paths on the server.
/// </summary>
public sealed class CrmSandbox : IAsyncDisposable, IDisposable
{
    private readonly SandboxServer server;
    private readonly SandboxClock clock;
    private int disposed;

    private CrmSandbox(SandboxDataset dataset, SandboxServer server, SandboxClock clock, SandboxOptions options)
    {
        Dataset = dataset;
        this.server = server;
        this.clock = clock;
        HubSpot = new HubSpotSandbox(dataset, server, clock, options);
        AmoCrm = new AmoCrmSandbox(dataset, server, clock, options);
        Pipedrive = new PipedriveSandbox(dataset, server, clock, options);
        Bitrix24 = new Bitrix24Sandbox(dataset, server, clock, () => Faults);
        Faults = server.UseFaults(options.Faults, () => Crms, () => clock.Now);
    }

    /// <summary>The logical dataset every dialect serves.</summary>
    public SandboxDataset Dataset { get; }

    /// <summary>The dataset as a HubSpot portal.</summary>
    public HubSpotSandbox HubSpot { get; }

    /// <summary>The dataset as an amoCRM (Kommo) account, under <c>/amocrm/</c>.</summary>
    public AmoCrmSandbox AmoCrm { get; }

    /// <summary>The dataset as a Pipedrive company account, under <c>/pipedrive</c>.</summary>
    public PipedriveSandbox Pipedrive { get; }

    /// <summary>The dataset as a Bitrix24 portal behind an inbound webhook, under <c>/rest/</c>.</summary>
    public Bitrix24Sandbox Bitrix24 { get; }

    /// <summary>Every CRM dialect the sandbox serves, in a fixed order; each new dialect adds itself here.</summary>
    public IReadOnlyList<ISandboxCrm> Crms => [HubSpot, Pipedrive, Bitrix24, AmoCrm];

    /// <summary>Fault injection across every dialect (<see cref="SandboxOptions.Faults"/>), with what it injected so far.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>The server root every dialect's base URL starts with.</summary>
    public Uri BaseUrl => server.BaseUrl;

    /// <summary>The sandbox's current time: the dataset's Now plus the time elapsed on the TimeProvider since start.</summary>
    public DateTimeOffset Now => clock.Now;

    /// <summary>Generates the dataset and starts the server; ready to serve when this returns.</summary>
    public static CrmSandbox Start(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.DealCount);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        var now = options.Now ?? options.TimeProvider.GetUtcNow();
        var dataset = SandboxDataset.Generate(new SandboxSeedOptions { Seed = options.Seed, DealCount = options.DealCount, Now = now });
        var clock = new SandboxClock(options.TimeProvider, now);
        var server = SandboxServer.Start(options.Host, options.Port);
        try
        {
            return new CrmSandbox(dataset, server, clock, options);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
