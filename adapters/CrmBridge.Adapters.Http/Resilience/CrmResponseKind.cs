namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>What one attempt's answer means for the retry and for the caller.</summary>
internal enum CrmResponseKind
{
    Success,

    /// <summary>A success status whose JSON body is malformed or cut off: a read is sent again.</summary>
    Unreadable,
    RateLimited,
    Transient,
    Unauthorized,
    NotFound,
    Invalid,
    Other,
}
