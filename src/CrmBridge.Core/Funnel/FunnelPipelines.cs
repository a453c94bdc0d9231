using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>Which pipelines a funnel covers.</summary>
public static class FunnelPipelines
{
    /// <summary>
    /// The pipeline named or with the id <paramref name="requested"/> (any pipeline, case-insensitive name); without one,
    /// the connection's sales pipelines (<c>Pipelines:Sales</c>, or every pipeline but the Client Success one).
    /// </summary>
    public static IReadOnlyList<Pipeline> Select(IReadOnlyList<Pipeline> pipelines, PipelineRolesOptions? roles, string? requested)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var ordered = pipelines.OrderBy(p => p.Order).ThenBy(p => p.ExternalId, StringComparer.Ordinal).ToList();
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var byId = ordered.Where(p => p.ExternalId == requested).ToList();
            return byId.Count > 0 ? byId : [.. ordered.Where(p => p.Name.Equals(requested.Trim(), StringComparison.OrdinalIgnoreCase))];
        }

        if (roles is { Sales.Count: > 0 })
        {
            return [.. ordered.Where(p => roles.Sales.Contains(p.ExternalId, StringComparer.Ordinal))];
        }

        return [.. ordered.Where(p => roles?.ClientSuccess is null || p.ExternalId != roles.ClientSuccess)];
    }
}
