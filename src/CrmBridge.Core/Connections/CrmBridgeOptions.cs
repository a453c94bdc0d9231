namespace CrmBridge.Core.Connections;

/// <summary>The root of CrmBridge's configuration, section <c>CrmBridge</c>.</summary>
public sealed class CrmBridgeOptions
{
    public const string SectionName = "CrmBridge";

    /// <summary>CRM accounts by name.</summary>
    public Dictionary<string, ConnectionOptions> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConnectionOptions> EnabledConnections() =>
        [.. Connections.Values.Where(c => c.Enabled).OrderBy(c => c.Name, StringComparer.Ordinal)];

    public ConnectionOptions? FindConnection(string name) =>
        Connections.TryGetValue(name, out var connection) ? connection : null;
}
