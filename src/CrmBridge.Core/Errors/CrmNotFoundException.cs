using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The record or endpoint does not exist in the CRM.</summary>
public sealed class CrmNotFoundException(CrmKind crm, string connection, string endpoint, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, "not found", innerException);
