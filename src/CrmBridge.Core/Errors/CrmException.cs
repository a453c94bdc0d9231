using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>A CRM call failed. The message names the CRM, the connection and the endpoint, never a secret.</summary>
public class CrmException : Exception
{
    public CrmException(CrmKind crm, string connection, string endpoint, string message, Exception? innerException = null)
        : base($"{crm} ({connection}) {endpoint}: {message}", innerException)
    {
        Crm = crm;
        Connection = connection;
        Endpoint = endpoint;
    }

    public CrmKind Crm { get; }

    public string Connection { get; }

    /// <summary>The method and path template that failed, e.g. <c>GET /crm/v3/objects/deals</c>.</summary>
    public string Endpoint { get; }
}
