namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>What one attempt's answer means for the retry and for the caller.</summary>
internal enum CrmResponseKind
{
    Success,
    RateLimited,
    Transient,
    Unauthorized,
    NotFound,
    Invalid,
    Other,
}
