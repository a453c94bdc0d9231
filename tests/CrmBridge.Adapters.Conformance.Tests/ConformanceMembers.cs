using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>The CRMs whose adapters must pass every scenario; a new adapter joins by adding its kind here.</summary>
public static class ConformanceMembers
{
    public static TheoryData<CrmKind> All { get; } = new()
    {
        CrmKind.HubSpot,
        CrmKind.Pipedrive,
        CrmKind.Bitrix24,
        CrmKind.AmoCrm,
    };
}
