using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>
/// The CRMs whose adapters must pass every scenario, each in every way it authenticates; a new adapter joins by adding
/// its kind here.
/// </summary>
public static class ConformanceMembers
{
    public static TheoryData<CrmKind, ConformanceAuth> All { get; } = new()
    {
        { CrmKind.HubSpot, ConformanceAuth.Default },
        { CrmKind.Pipedrive, ConformanceAuth.Default },
        { CrmKind.Bitrix24, ConformanceAuth.Default },
        { CrmKind.Bitrix24, ConformanceAuth.OAuth },
        { CrmKind.AmoCrm, ConformanceAuth.Default },
    };
}
