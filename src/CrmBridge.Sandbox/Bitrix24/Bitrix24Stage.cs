namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>A stage as <c>crm.status.list</c> serves it.</summary>
internal sealed record Bitrix24Stage(long Id, string StatusId, string Name, int Sort, long CategoryId, string Semantics);
