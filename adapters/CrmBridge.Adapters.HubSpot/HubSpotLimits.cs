namespace CrmBridge.Adapters.HubSpot;

/// <summary>Limits HubSpot enforces, from its API documentation.</summary>
internal static class HubSpotLimits
{
    public const int MaxPageSize = 100;
    public const int MaxSearchPageSize = 200;
    public const int MaxBatchReadSize = 100;

    /// <summary>One search query never yields more results than this; asking past it is a 400.</summary>
    public const int SearchResultCap = 10_000;

    public const int AssociationBatchReadSize = 1_000;

    public const int DealToCompanyTypeId = 5;
    public const int DealToContactTypeId = 3;
    public const int TaskToDealTypeId = 216;
    public const int NoteToDealTypeId = 214;
}
