using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Defects these tests found that are not fixed yet, as data: the faulty-sync scenario leaves the named fault out for
/// that CRM and says so in its output. None is open; remove an entry when its defect is fixed.
/// </summary>
internal static class KnownDefects
{
    public static IReadOnlyDictionary<(CrmKind Crm, SandboxFaultKind Fault), string> SyncFaults { get; } =
        new Dictionary<(CrmKind, SandboxFaultKind), string>
        {
        };

    /// <summary>The fault kinds the faulty sync of <paramref name="crm"/> meets, and what was left out and why.</summary>
    public static (IReadOnlyList<SandboxFaultKind> Kinds, IReadOnlyList<string> LeftOut) SyncFaultKinds(CrmKind crm)
    {
        var left = SyncFaults.Where(d => d.Key.Crm == crm).ToList();
        return ([.. SandboxFaultOptions.AllKinds.Where(k => left.All(d => d.Key.Fault != k))], [.. left.Select(d => $"{d.Key.Fault}: {d.Value}")]);
    }
}
