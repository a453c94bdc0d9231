using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>What the adapter needs to know of a stage when mapping deals: its name (a failure stage is the loss reason) and outcome.</summary>
internal sealed record Bitrix24StageInfo(string Name, StageOutcome Outcome);
