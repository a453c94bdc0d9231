namespace CrmBridge.Sandbox.Dataset;

/// <summary>Logical keys of the sandbox pipelines and stages (the reference pipeline of the sales method).</summary>
public static class SandboxStageKeys
{
    public const string SalesPipeline = "sales";
    public const string ClientSuccessPipeline = "clientsuccess";

    public const string Unsorted = "unsorted";
    public const string Prospects = "prospects";
    public const string ContactsFound = "contactsfound";
    public const string OutreachStarted = "outreachstarted";
    public const string Replied = "replied";
    public const string RepliedNegative = "repliednegative";
    public const string TargetContactRepliedPositive = "targetcontactrepliedpositive";
    public const string LeadQualified = "leadqualified";
    public const string DemoAppointed = "demoappointed";
    public const string DemoRun = "demorun";
    public const string TestStarted = "teststarted";
    public const string OfferSent = "offersent";
    public const string Committed = "committed";
    public const string Signed = "signed";
    public const string Won = "closedwon";
    public const string Lost = "closedlost";

    /// <summary>Client Success stage key for a month, 1 to 12: <c>month1</c> ... <c>month12</c>.</summary>
    public static string ClientSuccessMonth(int month) =>
        month is >= 1 and <= 12
            ? $"month{month}"
            : throw new ArgumentOutOfRangeException(nameof(month), month, "Months run from 1 to 12.");
}
