using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>What a method answers: its <c>result</c>, and for list methods called with <c>start &gt;= 0</c> the <c>total</c> and <c>next</c>.</summary>
internal sealed record Bitrix24MethodResult(JsonNode? Result, int? Total = null, int? Next = null);
