namespace CrmBridge.Sandbox.HubSpot;

internal sealed record HubSpotPropertyDefinition(
    string Name,
    string Label,
    string Type,
    string FieldType,
    bool HubSpotDefined,
    IReadOnlyList<(string Value, string Label)> Options)
{
    public bool ReadOnly { get; init; }

    public static HubSpotPropertyDefinition Text(string name, string label, bool hubSpotDefined = true) =>
        new(name, label, "string", "text", hubSpotDefined, []);

    public static HubSpotPropertyDefinition Number(string name, string label) => new(name, label, "number", "number", true, []);

    public static HubSpotPropertyDefinition DateTime(string name, string label) => new(name, label, "datetime", "date", true, []);

    public static HubSpotPropertyDefinition Select(string name, string label, IReadOnlyList<(string Value, string Label)> options, bool hubSpotDefined = true) =>
        new(name, label, "enumeration", "select", hubSpotDefined, options);
}
