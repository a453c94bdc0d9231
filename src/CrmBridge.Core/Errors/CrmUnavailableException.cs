using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The CRM kept failing (5xx, timeouts, dropped connections) after the retries ran out.</summary>
public sealed class CrmUnavailableException(CrmKind crm, string connection, string endpoint, string detail, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, $"unavailable ({detail})", innerException);
