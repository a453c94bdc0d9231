namespace CrmBridge.Core.Adapters;

/// <summary>What a CRM can and cannot do, so jobs can plan without knowing which CRM they talk to.</summary>
public sealed record CrmCapabilities
{
    /// <summary>The largest page the deal list returns.</summary>
    public required int MaxPageSize { get; init; }

    /// <summary>The most ids one batch read of companies or contacts takes.</summary>
    public required int MaxBatchReadSize { get; init; }

    /// <summary>The CRM can list deals modified since a time.</summary>
    public required bool SupportsIncremental { get; init; }

    /// <summary>The CRM lists deleted, archived or merged deals separately.</summary>
    public required bool HasRemovedDealsFeed { get; init; }

    /// <summary>The CRM reports when a deal entered its stage.</summary>
    public required bool ReportsStageEnteredAt { get; init; }

    /// <summary>The CRM reports a deal's last activity time.</summary>
    public required bool ReportsLastActivity { get; init; }

    /// <summary>The CRM reports a deal's next planned activity.</summary>
    public required bool ReportsNextActivity { get; init; }

    /// <summary>Won and lost are marked on the deal (Pipedrive) rather than by a closing stage.</summary>
    public required bool StatusOnDeal { get; init; }
}
