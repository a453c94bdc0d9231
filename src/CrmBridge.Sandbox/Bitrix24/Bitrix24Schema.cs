using System.Globalization;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>How the logical dataset is laid out in the sandbox portal: categories, stage ids, user fields and list items.</summary>
internal static class Bitrix24Schema
{
    public const int Deal = 2;
    public const int Contact = 3;
    public const int Company = 4;

    /// <summary>Sales is the default category (id 0, bare stage ids); Client Success is category 2 (stage ids <c>C2:…</c>).</summary>
    public const long SalesCategoryId = 0;
    public const long ClientSuccessCategoryId = 2;

    public const string SourceField = "UF_CRM_SOURCE";
    public const string LossReasonField = "UF_CRM_LOSS_REASON";
    public const string LossReasonLabel = "Loss reason";
    public const string MarkerField = "UF_CRM_CRMBRIDGE_MARKER";
    public const string InnField = "UF_CRM_INN";
    public const string RoleField = "UF_CRM_ROLE";

    /// <summary>The portal's time zone: every time it writes carries this offset.</summary>
    public static readonly TimeSpan PortalOffset = TimeSpan.FromHours(3);

    public static readonly IReadOnlyList<(string Id, string Label)> LossReasonItems =
        [.. SalesMethodDefaults.LossReasons.Select((reason, i) => ((101 + i).ToString(CultureInfo.InvariantCulture), reason))];

    public static readonly IReadOnlyList<(string Id, string Label, ContactRole Role)> RoleItems =
    [
        ("201", "Decision maker", ContactRole.DecisionMaker),
        ("202", "Influencer", ContactRole.Influencer),
        ("203", "Champion", ContactRole.Champion),
    ];

    public static long CategoryId(string pipelineKey) => pipelineKey switch
    {
        SandboxStageKeys.SalesPipeline => SalesCategoryId,
        SandboxStageKeys.ClientSuccessPipeline => ClientSuccessCategoryId,
        _ => throw new ArgumentException($"The dataset has no pipeline {pipelineKey}.", nameof(pipelineKey)),
    };

    /// <summary>Stage ids as Bitrix24 writes them: bare in category 0 (<c>NEW</c>, <c>WON</c>, <c>LOSE</c>), prefixed elsewhere (<c>C2:MONTH1</c>).</summary>
    public static string StageId(string pipelineKey, string stageKey)
    {
        var bare = stageKey switch
        {
            SandboxStageKeys.Unsorted => "NEW",
            SandboxStageKeys.Won => "WON",
            SandboxStageKeys.Lost => "LOSE",
            _ => stageKey.ToUpperInvariant(),
        };
        var category = CategoryId(pipelineKey);
        return category == 0 ? bare : $"C{category.ToString(CultureInfo.InvariantCulture)}:{bare}";
    }

    public static string Semantics(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Won => "S",
        StageOutcome.Lost => "F",
        _ => "P",
    };

    public static string Format(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero)
            .ToOffset(PortalOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
