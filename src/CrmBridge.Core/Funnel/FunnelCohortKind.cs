namespace CrmBridge.Core.Funnel;

/// <summary>What deals are grouped by.</summary>
public enum FunnelCohortKind
{
    /// <summary>The month the deal was created (UTC), <c>yyyy-MM</c>.</summary>
    Month,

    /// <summary>A canonical deal field (<c>deal.*</c>) from the deal's custom fields.</summary>
    DealField,

    /// <summary>A canonical company field (<c>company.*</c>) of the deal's company.</summary>
    CompanyField,
}
