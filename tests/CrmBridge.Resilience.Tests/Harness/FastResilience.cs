using System.Globalization;
using CrmBridge.Core.Model;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Retry and timeout settings short enough for tests, for every CRM (each adapter reads <c>CrmBridge:{Crm}:Resilience</c>):
/// an attempt gives up after <see cref="AttemptTimeout"/>, so the sandbox's timeout fault must hold answers longer.
/// </summary>
internal static class FastResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long the sandbox holds an answer for a timeout fault: well past <see cref="AttemptTimeout"/>.</summary>
    public static readonly TimeSpan FaultTimeoutDelay = TimeSpan.FromSeconds(2.5);

    public static Dictionary<string, string?> Configuration(IEnumerable<CrmKind> crms)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var crm in crms)
        {
            var prefix = $"CrmBridge:{crm}:Resilience:";
            values[prefix + "MaxAttempts"] = "6";
            values[prefix + "BaseDelay"] = "00:00:00.010";
            values[prefix + "MaxDelay"] = "00:00:00.100";
            values[prefix + "AttemptTimeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture);
            values[prefix + "TotalTimeout"] = "00:01:00";
            values[prefix + "RateLimitedFallbackDelay"] = "00:00:00.100";
            values[prefix + "MaxRateLimitedWait"] = "00:00:30";
        }

        return values;
    }
}
