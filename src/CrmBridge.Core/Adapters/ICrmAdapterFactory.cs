using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Adapters;

/// <summary>Creates the adapter for a connection of one CRM kind. Each adapter project registers one.</summary>
public interface ICrmAdapterFactory
{
    CrmKind Kind { get; }

    ICrmAdapter Create(ConnectionOptions connection);

    /// <summary>Checks the connection settings this CRM needs; each error names the key, e.g. <c>CrmBridge:Connections:main:Token is required</c>.</summary>
    IEnumerable<string> Validate(ConnectionOptions connection);
}
