namespace CrmBridge.Bench;

/// <summary>A mistake on the bench's command line.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
