using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The CRM answered with a body CrmBridge could not read (malformed or truncated JSON, wrong shape).</summary>
public sealed class CrmResponseException(CrmKind crm, string connection, string endpoint, string detail, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, $"unreadable response: {detail}", innerException);
