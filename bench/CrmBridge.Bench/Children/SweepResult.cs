namespace CrmBridge.Bench.Children;

/// <summary>One hygiene sweep or cemetery scan over a stored connection.</summary>
internal sealed record SweepResult(string What, long Deals, double Seconds, double PeakMegabytes, string Outcome);
