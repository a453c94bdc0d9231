namespace CrmBridge.Adapters.Pipedrive;

/// <summary>Limits Pipedrive documents for API v2 (and v1 where it is used).</summary>
internal static class PipedriveLimits
{
    /// <summary>The largest <c>limit</c> of a v2 list (and of a v1 field list).</summary>
    public const int MaxPageSize = 500;

    /// <summary>The most ids one v2 <c>ids=</c> filter takes.</summary>
    public const int MaxIdsPerRequest = 100;

    /// <summary>The most keys the v2 deals list's <c>custom_fields</c> filter takes.</summary>
    public const int MaxCustomFieldsFilter = 15;

    /// <summary>The most reads of one page CrmBridge sends at once; more would only queue at the rate limiter.</summary>
    public const int MaxReadConcurrency = 16;
}
