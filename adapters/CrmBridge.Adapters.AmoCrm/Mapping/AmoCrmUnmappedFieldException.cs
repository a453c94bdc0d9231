namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>A write named a field amoCRM does not have, or a list value the field does not offer.</summary>
internal sealed class AmoCrmUnmappedFieldException(string message) : Exception(message);
