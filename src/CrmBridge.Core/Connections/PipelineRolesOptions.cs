namespace CrmBridge.Core.Connections;

/// <summary>Pipeline ids by role.</summary>
public sealed class PipelineRolesOptions
{
    /// <summary>Sales pipelines; empty means every pipeline except the Client Success one.</summary>
    public List<string> Sales { get; set; } = [];

    /// <summary>The Client Success pipeline won deals are carried into; null when not used.</summary>
    public string? ClientSuccess { get; set; }
}
