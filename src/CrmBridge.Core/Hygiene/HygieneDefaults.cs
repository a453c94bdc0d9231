namespace CrmBridge.Core.Hygiene;

/// <summary>The default rule set, from the sales method: what applies when no configuration layer says otherwise.</summary>
public static class HygieneDefaults
{
    public const string PhoneRegion = "RU";
    public const string PhoneValidation = "Possible";

    /// <summary>Every deal needs an amount (pipeline analytics) and an owner (tasks and alerts go to them).</summary>
    public static IReadOnlyList<string> RequiredFields { get; } = [HygieneFields.DealAmount, HygieneFields.DealOwner];

    /// <summary>The company's INN before "Offer sent": the exit criterion of "Test started" in the reference pipeline.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StageExitCriteria { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Test started"] = [Model.CanonicalFields.CompanyInn],
        };

    /// <summary>A lost deal needs a loss reason from the fixed list.</summary>
    public static IReadOnlyList<string> RequiredWhenLost { get; } = [HygieneFields.DealLostReason];

    /// <summary>The loss reasons of the sales method, in pipeline order.</summary>
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

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedValues { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [HygieneFields.DealLostReason] = LossReasons,
        };
}
