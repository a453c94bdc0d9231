namespace CrmBridge.Sandbox.HubSpot;

/// <summary>One CRM object type the sandbox serves: its path name, property schema and defaults.</summary>
internal sealed class HubSpotObjectType
{
    public HubSpotObjectType(
        string name,
        string singular,
        string modifiedProperty,
        IReadOnlyList<string> defaultProperties,
        IReadOnlyList<HubSpotPropertyDefinition> properties)
    {
        Name = name;
        Singular = singular;
        ModifiedProperty = modifiedProperty;
        DefaultProperties = defaultProperties;
        Properties = properties;
        PropertiesByName = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The plural path name: <c>deals</c>.</summary>
    public string Name { get; }

    public string Singular { get; }

    /// <summary><c>hs_lastmodifieddate</c>, or <c>lastmodifieddate</c> for contacts.</summary>
    public string ModifiedProperty { get; }

    /// <summary>Returned when a read names no properties.</summary>
    public IReadOnlyList<string> DefaultProperties { get; }

    public IReadOnlyList<HubSpotPropertyDefinition> Properties { get; }

    public IReadOnlyDictionary<string, HubSpotPropertyDefinition> PropertiesByName { get; }

    /// <summary>Returned with every read, whatever was asked.</summary>
    public IEnumerable<string> AlwaysReturned => ["createdate", ModifiedProperty, "hs_object_id"];
}
