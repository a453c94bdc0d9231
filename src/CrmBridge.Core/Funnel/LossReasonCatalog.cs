namespace CrmBridge.Core.Funnel;

/// <summary>The configured loss reasons, matched case-insensitively and ignoring surrounding and repeated spaces.</summary>
internal sealed class LossReasonCatalog
{
    private readonly Dictionary<string, string> _listed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _reassignable = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _competitor = new(StringComparer.OrdinalIgnoreCase);

    public LossReasonCatalog(FunnelOptions options)
    {
        Listed = options.EffectiveLossReasons;
        foreach (var reason in Listed)
        {
            _listed.TryAdd(Normalize(reason), reason);
        }

        _reassignable.UnionWith(options.EffectiveReassignableReasons.Select(Normalize));
        _competitor.UnionWith(options.EffectiveCompetitorReasons.Select(Normalize));
    }

    /// <summary>The configured reasons in their configured spelling and order.</summary>
    public IReadOnlyList<string> Listed { get; }

    /// <summary>The configured spelling of a reason, or null when it is not in the list.</summary>
    public string? Find(string reason) => _listed.GetValueOrDefault(Normalize(reason));

    public bool IsReassignable(string reason) => _reassignable.Contains(Normalize(reason));

    public bool IsCompetitor(string reason) => _competitor.Contains(Normalize(reason));

    public static string Normalize(string reason) =>
        string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
