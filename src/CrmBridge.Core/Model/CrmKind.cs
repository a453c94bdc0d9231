namespace CrmBridge.Core.Model;

/// <summary>The CRMs CrmBridge has an adapter for.</summary>
public enum CrmKind
{
    HubSpot,
    Pipedrive,
    AmoCrm,
    Bitrix24,
}
