namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// Carry-over of won deals into the Client Success pipeline and its calendar plan, section <c>CrmBridge:ClientSuccess</c>.
/// Which pipelines are sales and which is Client Success is set per connection (<c>Pipelines</c>); the recurring jobs
/// are switched on under <c>CrmBridge:Jobs</c> (CsCarryOver, CsAdvance).
/// </summary>
public sealed class ClientSuccessOptions
{
    public const string SectionName = "CrmBridge:ClientSuccess";

    /// <summary>The team's IANA time zone: periods start at local midnight.</summary>
    /// <value>Defaults to UTC.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The cadence of CS pipelines that set none of their own.</summary>
    /// <value>Defaults to <see cref="CsCadence.Yearly"/>.</value>
    public CsCadence Cadence { get; set; } = CsCadence.Yearly;

    /// <summary>A canonical deal field (e.g. <c>deal.billing_term</c>) whose value on the won deal picks its cadence; null to use configuration only.</summary>
    public string? CadenceField { get; set; }

    /// <summary>Values of <see cref="CadenceField"/> and the cadence each means; the names Yearly, Monthly and Lifetime are always understood.</summary>
    public Dictionary<string, CsCadence> CadenceValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every customer is billed monthly: each month also gets a feedback task and an invoice task.</summary>
    /// <value>Defaults to false.</value>
    public bool MonthlyBilling { get; set; }

    /// <summary>A canonical deal field whose value <see cref="MonthlyBillingValue"/> marks a monthly-billed customer; null to use <see cref="MonthlyBilling"/> only.</summary>
    public string? BillingField { get; set; }

    /// <value>Defaults to <c>monthly</c> (compared ignoring case).</value>
    public string MonthlyBillingValue { get; set; } = "monthly";

    /// <summary>Canonical deal fields copied from the won deal to its CS copy (each must be in the connection's FieldMap).</summary>
    /// <value>Defaults to none.</value>
    public List<string> CopyFields { get; set; } = [];

    /// <summary>Adds a note to the copy with the original deal's id, name and URL (<c>DealUrlTemplate</c>).</summary>
    /// <value>Defaults to true.</value>
    public bool LinkNote { get; set; } = true;

    /// <summary>A canonical deal field on the copy that receives the original deal's id; null for none.</summary>
    public string? LinkField { get; set; }

    /// <summary>Tags the original won deal (a field write; its stage and status, hence its conversion statistics, stay as they are).</summary>
    /// <value>Defaults to false.</value>
    public bool TagOriginal { get; set; }

    /// <summary>The canonical deal field <see cref="TagOriginal"/> writes; required when tagging.</summary>
    public string? TagField { get; set; }

    /// <value>Defaults to <c>client-success</c>.</value>
    public string TagValue { get; set; } = "client-success";

    /// <summary>A canonical deal field on the copy that receives the renewal count when a new cycle starts; null for none.</summary>
    public string? RenewalCountField { get; set; }

    /// <summary>Only deals won at or after this time are carried over; null for all (mind a CRM with years of won deals).</summary>
    public DateTimeOffset? WonSince { get; set; }

    /// <summary>How long a worker's claim on a deal lasts before another run may take it over; keep it well above the CRM's search delay.</summary>
    /// <value>Defaults to 10 minutes.</value>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The plan: tasks per cadence and period. Empty takes the default plan from the sales method (see docs/client-success.md).</summary>
    public List<ClientSuccessPlanTaskOptions> Plan { get; set; } = [];

    /// <summary>Per-connection settings by connection name.</summary>
    public Dictionary<string, ClientSuccessConnectionOptions> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings of one connection (empty ones when it has none).</summary>
    public ClientSuccessConnectionOptions ForConnection(string connection) =>
        Connections.TryGetValue(connection, out var found) ? found : new ClientSuccessConnectionOptions();

    /// <summary>The configured plan, or the default one when none is configured.</summary>
    public IReadOnlyList<ClientSuccessPlanTaskOptions> EffectivePlan() => Plan.Count > 0 ? Plan : CsDefaultPlan.Tasks;
}
