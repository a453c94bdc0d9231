namespace CrmBridge.Sandbox;

/// <summary>How <see cref="CrmSandbox.Start"/> seeds and serves the sandbox.</summary>
public sealed record SandboxOptions
{
    /// <value>Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Defaults to 300; the server is built to serve 100,000.</value>
    public int DealCount { get; init; } = 300;

    /// <summary>The dataset's reference time; the sandbox clock starts here and advances with <see cref="TimeProvider"/>.</summary>
    /// <value>Defaults to the TimeProvider's current time.</value>
    public DateTimeOffset? Now { get; init; }

    /// <value>Defaults to 127.0.0.1 (loopback only).</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <value>Defaults to 0: any free port.</value>
    public int Port { get; init; }

    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>HubSpot's ten-secondly limit to emulate with 429s, e.g. <c>new SandboxRateLimit(100, TimeSpan.FromSeconds(10))</c>.</summary>
    /// <value>Defaults to null: no limit.</value>
    public SandboxRateLimit? HubSpotRateLimit { get; init; }

    /// <summary>HubSpot's separate search limit to emulate, e.g. <c>new SandboxRateLimit(4, TimeSpan.FromSeconds(1))</c>.</summary>
    /// <value>Defaults to null: no limit.</value>
    public SandboxRateLimit? HubSpotSearchRateLimit { get; init; }

    /// <summary>The token the HubSpot portal accepts; null generates a random one per start.</summary>
    public string? HubSpotToken { get; init; }

    /// <summary>amoCRM's per-second limit to emulate with 429s (plain-text body), e.g. <c>new SandboxRateLimit(7, TimeSpan.FromSeconds(1))</c>.</summary>
    /// <value>Defaults to null: no limit.</value>
    public SandboxRateLimit? AmoCrmRateLimit { get; init; }

    /// <summary>The long-lived token the amoCRM account accepts; null generates a random one per start.</summary>
    public string? AmoCrmToken { get; init; }

    /// <summary>Pipedrive's burst limit to emulate with 429s and x-ratelimit-* headers, e.g. <c>new SandboxRateLimit(20, TimeSpan.FromSeconds(2))</c>.</summary>
    /// <value>Defaults to null: no limit.</value>
    public SandboxRateLimit? PipedriveRateLimit { get; init; }

    /// <summary>The API token the Pipedrive account accepts (40 hexadecimal characters); null generates a random one per start.</summary>
    public string? PipedriveToken { get; init; }

    /// <summary>Faults to inject into every dialect's requests, see <see cref="CrmBridge.Sandbox.Faults.SandboxFaultOptions"/>.</summary>
    /// <value>Defaults to null: none (they can still be turned on later through <see cref="CrmSandbox.Faults"/>).</value>
    public CrmBridge.Sandbox.Faults.SandboxFaultOptions? Faults { get; init; }
}
