using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The CRM rejected a write with its own validation message. Reported as is, never retried blindly.</summary>
public sealed class CrmValidationException(CrmKind crm, string connection, string endpoint, string crmMessage, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, $"rejected: {crmMessage}", innerException)
{
    public string CrmMessage { get; } = crmMessage;
}
