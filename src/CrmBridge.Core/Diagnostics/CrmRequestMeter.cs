using System.Collections.Concurrent;

namespace CrmBridge.Core.Diagnostics;

/// <summary>Counts the HTTP requests sent to each connection's CRM, so summaries and benchmarks can report them.</summary>
public sealed class CrmRequestMeter
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.OrdinalIgnoreCase);

    public void RecordRequest(string connection, bool rateLimited)
    {
        var counter = _counters.GetOrAdd(connection, _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        if (rateLimited)
        {
            Interlocked.Increment(ref counter.RateLimited);
        }
    }

    public CrmRequestCount Read(string connection) =>
        _counters.TryGetValue(connection, out var counter)
            ? new CrmRequestCount(Volatile.Read(ref counter.Requests), Volatile.Read(ref counter.RateLimited))
            : new CrmRequestCount(0, 0);

    private sealed class Counter
    {
#pragma warning disable SA1401, CA1051 // fields so Interlocked can update them
        public long Requests;
        public long RateLimited;
#pragma warning restore SA1401, CA1051
    }
}
