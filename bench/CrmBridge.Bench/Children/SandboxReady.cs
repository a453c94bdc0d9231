using CrmBridge.Bench.Runs;

namespace CrmBridge.Bench.Children;

/// <summary>What the sandbox process serves: a connection per CRM and how many records deals link to.</summary>
internal sealed record SandboxReady(List<BenchConnection> Connections, int Deals, int LinkedCompanies, int LinkedContacts);
