namespace CrmBridge.Core.Cemetery;

/// <summary>The deal cemetery: stale-deal rules, recipients and channels, section <c>CrmBridge:Cemetery</c>.</summary>
public sealed class CemeteryOptions
{
    public const string SectionName = "CrmBridge:Cemetery";

    /// <summary>The team's IANA time zone (e.g. Europe/Moscow): business days are counted and the digest schedule is read in it.</summary>
    /// <value>Defaults to none: days in UTC, and the schedule in CrmBridge:Jobs:TimeZone.</value>
    public string? TimeZone { get; set; }

    /// <summary><c>Calendar</c> or <c>BusinessDays</c>.</summary>
    /// <value>Defaults to Calendar.</value>
    public CemeteryDayCounting DayCounting { get; set; } = CemeteryDayCounting.Calendar;

    /// <summary>The days that are not working days when counting business days.</summary>
    /// <value>Defaults to Saturday and Sunday.</value>
    public List<DayOfWeek> Weekend { get; set; } = [];

    /// <summary>Dates (<c>yyyy-MM-dd</c>) that are not working days when counting business days.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Rules for sales pipelines (every pipeline but Client Success, or those listed in the connection's Pipelines:Sales).</summary>
    public CemeteryRulesOptions Sales { get; set; } = new();

    /// <summary>Rules for the connection's Client Success pipeline.</summary>
    public CemeteryRulesOptions ClientSuccess { get; set; } = new() { DefaultThresholdDays = 45 };

    /// <summary>A pipeline with open deals where nothing moved (no activity, no stage change, nothing closed) for longer is a graveyard.</summary>
    /// <value>Defaults to 30 days.</value>
    public int GraveyardDays { get; set; } = 30;

    /// <summary>How many of the longest-untouched open deals each pipeline's figures show.</summary>
    /// <value>Defaults to 5.</value>
    public int OldestDealsShown { get; set; } = 5;

    /// <summary>Days before a deal still in the same staleness episode is alerted again (sooner when it gets worse).</summary>
    /// <value>Defaults to 7.</value>
    public int CoolDownDays { get; set; } = 7;

    /// <summary>Owners keyed by their CRM owner id or email: manager, and where their digest goes.</summary>
    public Dictionary<string, CemeteryPersonOptions> Owners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Managers keyed by any name the owners' <c>Manager</c> refers to.</summary>
    public Dictionary<string, CemeteryPersonOptions> Managers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The manager of owners not listed under Owners and of deals without an owner; none means they are in no roll-up.</summary>
    public string? DefaultManager { get; set; }

    public CemeteryChannelsOptions Channels { get; set; } = new();

    public CemeteryDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The weekend days in effect (Saturday and Sunday when none are configured).</summary>
    public IReadOnlyCollection<DayOfWeek> EffectiveWeekend => Weekend.Count > 0 ? Weekend : [DayOfWeek.Saturday, DayOfWeek.Sunday];
}
