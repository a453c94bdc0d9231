using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Bench.Runs;

/// <summary>
/// Each CRM's documented request budget at its smallest plan, which the sandbox enforces in the rate-limited runs while
/// the client runs with its adapter's default limiter. A CRM without a row is measured with its limiter off only.
/// </summary>
internal static class DocumentedLimits
{
    public static IReadOnlyDictionary<CrmKind, SandboxEmulatedLimit> All { get; } = new Dictionary<CrmKind, SandboxEmulatedLimit>
    {
        // Free/Starter private apps: 100 requests per rolling 10 seconds.
        [CrmKind.HubSpot] = new(100, TimeSpan.FromSeconds(10)),
        // API token, lowest plan: 20 requests per rolling 2 seconds.
        [CrmKind.Pipedrive] = new(20, TimeSpan.FromSeconds(2)),
        // 7 requests per second.
        [CrmKind.AmoCrm] = new(7, TimeSpan.FromSeconds(1)),
        // Leaky bucket: 50 requests, draining 2 per second.
        [CrmKind.Bitrix24] = new(2, TimeSpan.FromSeconds(1)) { Burst = 50 },
    };
}
