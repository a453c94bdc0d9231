namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>One entry of a company's or contact's <c>fm</c> multifield: a phone, email or website.</summary>
internal sealed record Bitrix24Multifield(long Id, string TypeId, string ValueType, string Value);
