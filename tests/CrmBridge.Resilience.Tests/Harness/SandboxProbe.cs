using System.Collections;
using CrmBridge.Sandbox;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Counts of what a sandbox CRM holds beyond deals, read from the dialect's own public members by name (e.g.
/// <c>HubSpotSandbox.Tasks</c>), so a dialect that exposes them is checked without code here; null when it does not.
/// </summary>
internal static class SandboxProbe
{
    public static int? Tasks(ISandboxCrm crm) => Count(crm, "Tasks");

    public static int? Notes(ISandboxCrm crm) => Count(crm, "Notes");

    private static int? Count(ISandboxCrm crm, string property) =>
        crm.GetType().GetProperty(property)?.GetValue(crm) is ICollection collection ? collection.Count : null;
}
