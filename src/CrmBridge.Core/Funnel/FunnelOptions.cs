namespace CrmBridge.Core.Funnel;

/// <summary>Funnel analytics settings, section <c>CrmBridge:Funnel</c>.</summary>
public sealed class FunnelOptions
{
    public const string SectionName = "CrmBridge:Funnel";

    /// <summary>The default loss reasons of the sales method, in pipeline order.</summary>
    public static IReadOnlyList<string> DefaultLossReasons { get; } =
    [
        "Not selected: company no longer exists",
        "Not selected: failed first screening",
        "Contacts not found",
        "No answer",
        "Not qualified: no budget",
        "Not qualified: no need found",
        "Not qualified: complex procurement",
        "Uses a competitor's solution",
        "Rejected at offer, chose a competitor: price / quality / integration effort",
        "Rejected at offer, kept the status quo: price / quality / integration effort",
        "Stopped using the product: moved to a competitor / no longer needed / financial trouble",
    ];

    /// <summary>Loss reasons that depend on the individual seller, so the deal can go to another one.</summary>
    public static IReadOnlyList<string> DefaultReassignableReasons { get; } = ["Contacts not found", "No answer"];

    /// <summary>Loss reasons that mean the customer went to (or stayed with) a competitor.</summary>
    public static IReadOnlyList<string> DefaultCompetitorReasons { get; } =
    [
        "Uses a competitor's solution",
        "Rejected at offer, chose a competitor: price / quality / integration effort",
    ];

    /// <summary>Conversion from one stage to the next, in percent, at or above which the two stages are suggested for merging.</summary>
    /// <value>Defaults to 90.</value>
    public double MergeAtPercent { get; set; } = 90;

    /// <summary>Conversion from one stage to the next, in percent, below which the stage is suggested for splitting.</summary>
    /// <value>Defaults to 25.</value>
    public double SplitBelowPercent { get; set; } = 25;

    /// <summary>How many deals must have reached a stage before its conversion gives a hint.</summary>
    /// <value>Defaults to 20.</value>
    public int MinimumDealsForHint { get; set; } = 20;

    /// <summary>The fixed list of loss reasons; a lost deal's reason outside it is reported as unlisted.</summary>
    /// <value>Defaults to <see cref="DefaultLossReasons"/> when not configured.</value>
    public List<string>? LossReasons { get; set; }

    /// <summary>Loss reasons whose deals are reactivation candidates at any age.</summary>
    /// <value>Defaults to <see cref="DefaultReassignableReasons"/> when not configured.</value>
    public List<string>? ReassignableReasons { get; set; }

    /// <summary>Loss reasons whose deals are reactivation candidates once lost more than <see cref="CompetitorRevisitAfterDays"/> ago.</summary>
    /// <value>Defaults to <see cref="DefaultCompetitorReasons"/> when not configured.</value>
    public List<string>? CompetitorReasons { get; set; }

    /// <summary>Days after which a deal lost to a competitor is worth revisiting.</summary>
    /// <value>Defaults to 180.</value>
    public int CompetitorRevisitAfterDays { get; set; } = 180;

    /// <summary>The cohort used when <c>--cohort</c> is not given: <c>month</c> or a canonical field name; empty for none.</summary>
    /// <value>Defaults to none.</value>
    public string? Cohort { get; set; }

    // Configuration binding appends to a list that already holds items, so the defaults apply only when nothing is bound.
    internal IReadOnlyList<string> EffectiveLossReasons => LossReasons is { Count: > 0 } ? LossReasons : DefaultLossReasons;

    internal IReadOnlyList<string> EffectiveReassignableReasons => ReassignableReasons ?? DefaultReassignableReasons;

    internal IReadOnlyList<string> EffectiveCompetitorReasons => CompetitorReasons ?? DefaultCompetitorReasons;
}
