namespace CrmBridge.Adapters.Bitrix24.Mapping;

/// <summary>A write named a canonical field the connection's field map does not resolve, or a list label the field does not have.</summary>
internal sealed class Bitrix24UnmappedFieldException(string message) : Exception(message);
