namespace CrmBridge.Sandbox.Dataset;

/// <summary>Defaults of the sales method (sales-method.md) that the dataset draws from.</summary>
public static class SalesMethodDefaults
{
    /// <summary>The default loss reasons, in pipeline order, verbatim.</summary>
    public static IReadOnlyList<string> LossReasons { get; } =
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

    /// <summary>Values of <c>deal.source</c> (value, label).</summary>
    public static IReadOnlyList<(string Value, string Label)> DealSources { get; } =
    [
        ("website", "Website"),
        ("referral", "Referral"),
        ("outbound", "Outbound"),
        ("event", "Event"),
        ("partner", "Partner"),
    ];
}
