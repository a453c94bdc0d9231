namespace CrmBridge.Adapters.HubSpot.Mapping;

/// <summary>A write named a canonical field the connection's field map does not map to a HubSpot property.</summary>
internal sealed class HubSpotUnmappedFieldException(string canonical)
    : Exception($"field '{canonical}' has no FieldMap entry naming its HubSpot property")
{
    public string Canonical { get; } = canonical;
}
