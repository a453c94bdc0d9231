namespace CrmBridge.Adapters.Bitrix24;

/// <summary>Limits and constants of the Bitrix24 REST API, from its documentation.</summary>
internal static class Bitrix24Limits
{
    /// <summary>Every list method returns 50 records per call; the size cannot be changed.</summary>
    public const int PageSize = 50;

    /// <summary>One <c>batch</c> request runs at most 50 sub-calls.</summary>
    public const int MaxBatchCommands = 50;

    /// <summary>Ids per <c>@id</c> filter of one list sub-call (one page).</summary>
    public const int IdsPerListCall = PageSize;

    /// <summary>Companies or contacts one batch request reads: 50 list sub-calls of 50 ids each.</summary>
    public const int MaxBatchReadSize = MaxBatchCommands * IdsPerListCall;

    public const int DealEntityTypeId = 2;
    public const int ContactEntityTypeId = 3;
    public const int CompanyEntityTypeId = 4;

    /// <summary>The default pipeline (deal category) always has id 0.</summary>
    public const string DefaultCategoryId = "0";

    /// <summary>The documented standard plan: the bucket drains 2 requests per second and blocks above 50.</summary>
    public const int RequestsPerSecond = 2;

    public const int Burst = 50;
}
