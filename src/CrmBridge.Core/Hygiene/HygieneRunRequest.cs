namespace CrmBridge.Core.Hygiene;

/// <summary>How to run a sweep: null members take the configured value.</summary>
/// <param name="Actor">Who asks, for the audit log: a job name or a CLI command.</param>
public sealed record HygieneRunRequest(string Actor, HygieneFixMode? FixMode = null, bool? CreateTasks = null);
