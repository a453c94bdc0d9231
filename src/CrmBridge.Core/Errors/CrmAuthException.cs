using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The CRM rejected the credentials (expired, revoked or lacking scope). Not retried: fix the token.</summary>
public sealed class CrmAuthException(CrmKind crm, string connection, string endpoint, string detail, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, $"authentication failed ({detail}); check the connection's token", innerException);
