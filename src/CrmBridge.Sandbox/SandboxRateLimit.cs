namespace CrmBridge.Sandbox;

/// <summary>A rolling-window request budget a sandbox dialect enforces with 429 responses.</summary>
/// <param name="PermitLimit">Requests allowed per window.</param>
/// <param name="Window">The rolling window, e.g. 10 seconds for HubSpot's ten-secondly limit.</param>
public sealed record SandboxRateLimit(int PermitLimit, TimeSpan Window)
{
    /// <summary>Whether a 429 carries a Retry-After header.</summary>
    /// <value>Defaults to true; set false to exercise a client's fallback to the interval header.</value>
    public bool SendRetryAfter { get; init; } = true;
}
