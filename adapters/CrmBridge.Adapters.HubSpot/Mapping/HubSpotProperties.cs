namespace CrmBridge.Adapters.HubSpot.Mapping;

/// <summary>HubSpot's internal property names the adapter reads and writes.</summary>
internal static class HubSpotProperties
{
    public const string DealName = "dealname";
    public const string DealPipeline = "pipeline";
    public const string DealStage = "dealstage";
    public const string Amount = "amount";
    public const string Currency = "deal_currency_code";
    public const string OwnerId = "hubspot_owner_id";
    public const string CreateDate = "createdate";
    public const string LastModified = "hs_lastmodifieddate";
    public const string CloseDate = "closedate";
    public const string StageEnteredAt = "hs_v2_date_entered_current_stage";
    public const string LastActivity = "notes_last_updated";
    public const string NextActivity = "notes_next_activity_date";
    public const string LostReason = "closed_lost_reason";
    public const string DefaultMarker = "crmbridge_marker";

    public const string CompanyName = "name";
    public const string CompanyDomain = "domain";
    public const string CompanyIndustry = "industry";
    public const string CompanyPhone = "phone";
    public const string CompanyInn = "inn";

    public const string FirstName = "firstname";
    public const string LastName = "lastname";
    public const string JobTitle = "jobtitle";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string BuyingRole = "hs_buying_role";
    public const string AssociatedCompanyId = "associatedcompanyid";
    public const string ContactLastModified = "lastmodifieddate";

    public const string Timestamp = "hs_timestamp";
    public const string TaskSubject = "hs_task_subject";
    public const string TaskBody = "hs_task_body";
    public const string TaskStatus = "hs_task_status";
    public const string TaskType = "hs_task_type";
    public const string NoteBody = "hs_note_body";

    public static readonly IReadOnlyList<string> StandardDeal =
    [
        DealName, DealPipeline, DealStage, Amount, Currency, OwnerId, CreateDate, LastModified, CloseDate,
        StageEnteredAt, LastActivity, NextActivity, LostReason,
    ];
}
