namespace CrmBridge.Bench.Children;

/// <summary>One bulk upsert run.</summary>
internal sealed record StoreResult(string Backend, int Deals, int BatchSize, double Seconds, double PeakMegabytes);
