namespace CrmBridge.Adapters.AmoCrm;

/// <summary>Limits and fixed ids of amoCRM's API v4, from its documentation.</summary>
internal static class AmoCrmLimits
{
    public const int MaxPageSize = 250;
    public const int MaxBatchReadSize = 250;
    public const int MaxEventPageSize = 100;

    /// <summary>The events API takes at most this many ids in <c>filter[entity_id][]</c>.</summary>
    public const int MaxEventEntityIds = 10;

    /// <summary>"Successfully realized": the won status of every pipeline.</summary>
    public const long WonStatusId = 142;

    /// <summary>"Closed and not realized": the lost status of every pipeline.</summary>
    public const long LostStatusId = 143;

    public const int UnsortedStatusType = 1;

    public const string StatusChangedEvent = "lead_status_changed";

    public const string LeadWith = "contacts,loss_reason";
}
