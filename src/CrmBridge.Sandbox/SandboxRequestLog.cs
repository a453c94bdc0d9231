using System.Collections.Concurrent;

namespace CrmBridge.Sandbox;

internal sealed class SandboxRequestLog
{
    private ConcurrentQueue<SandboxRequest> entries = new();

    public IReadOnlyList<SandboxRequest> Snapshot() => [.. entries];

    public void Add(SandboxRequest request) => entries.Enqueue(request);

    public void Reset() => entries = new ConcurrentQueue<SandboxRequest>();
}
