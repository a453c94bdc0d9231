using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox;

/// <summary>What a client needs to reach one sandbox CRM: the connection name to configure, the CRM, where and with what token.</summary>
public sealed record SandboxConnection(string Name, CrmKind Kind, Uri BaseUrl, string Token);
