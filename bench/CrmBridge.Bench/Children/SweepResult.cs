namespace CrmBridge.Bench.Children;

/// <summary>One hygiene sweep or cemetery scan over a stored connection.</summary>
/// <param name="CpuSeconds">User and system CPU time of the process during the run: fairer than wall time on a shared machine.</param>
internal sealed record SweepResult(string What, long Deals, double Seconds, double CpuSeconds, double PeakMegabytes, string Outcome);
