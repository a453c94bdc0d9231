namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// The plan from the sales method ("Won deals go on"): what a Client Success manager does in each period of a yearly
/// subscription, with shorter equivalents for a monthly product (weeks) and a lifetime licence (quarters).
/// </summary>
public static class CsDefaultPlan
{
    /// <summary>Key of the monthly feedback task that monthly billing adds.</summary>
    public const string BillingFeedbackKey = "billing-feedback";

    /// <summary>Key of the invoice task that monthly billing adds.</summary>
    public const string InvoiceKey = "invoice";

    public static IReadOnlyList<ClientSuccessPlanTaskOptions> Tasks { get; } =
    [
        Yearly(1, "onboarding", "Onboarding: webinar and welcome mailings", "Run the onboarding webinar and send the onboarding mailings."),
        Yearly(2, "why-us", "Feedback call: why did you choose us?", "Ask how the sale went and why they chose us."),
        Yearly(4, "case-study", "Agree a joint case study", null),
        Yearly(6, "conference", "Invite the customer to a conference talk", null),
        Yearly(7, "new-features", "Webinar on new features", null),
        Yearly(8, "renewal-prep", "Renewal preparation: review usage and agree the terms", null),
        Yearly(9, "upsell", "Upsell the extended licence ahead of renewal", null),
        Yearly(10, "first-year-feedback", "First-year feedback meeting", null),
        Yearly(12, "renewal", "Renewal", "Sign the renewal; the customer then goes back to Month 1."),
        Task(CsCadence.Monthly, 1, "onboarding", "Onboarding: kick-off call and welcome mailing", null),
        Task(CsCadence.Monthly, 2, "why-us", "Feedback call: why did you choose us?", null),
        Task(CsCadence.Monthly, 3, "usage-check", "Check usage and offer help", null),
        Task(CsCadence.Monthly, 4, "renewal", "Renewal: confirm next month's subscription", null),
        Task(CsCadence.Lifetime, 1, "onboarding", "Onboarding: webinar and welcome mailings", null),
        Task(CsCadence.Lifetime, 2, "why-us", "Feedback call: why did you choose us? Agree a case study", null),
        Task(CsCadence.Lifetime, 3, "new-features", "Webinar on new features", null),
        Task(CsCadence.Lifetime, 4, "yearly-review", "Yearly review and upsell of add-ons", null),
    ];

    private static ClientSuccessPlanTaskOptions Yearly(int period, string key, string subject, string? body) =>
        Task(CsCadence.Yearly, period, key, subject, body);

    private static ClientSuccessPlanTaskOptions Task(CsCadence cadence, int period, string key, string subject, string? body) => new()
    {
        Cadence = cadence,
        Period = period,
        Key = key,
        Subject = subject,
        Body = body,
    };
}
