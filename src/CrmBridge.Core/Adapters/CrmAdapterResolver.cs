using CrmBridge.Core.Connections;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Adapters;

/// <summary>Gives the adapter for a configured connection, from the factory registered for its kind.</summary>
public sealed class CrmAdapterResolver(IEnumerable<ICrmAdapterFactory> factories, IOptions<CrmBridgeOptions> options)
{
    private readonly Dictionary<Model.CrmKind, ICrmAdapterFactory> _factories = factories.ToDictionary(f => f.Kind);

    public IReadOnlyList<ConnectionOptions> Connections => options.Value.EnabledConnections();

    public ICrmAdapter Resolve(string connectionName)
    {
        var connection = options.Value.FindConnection(connectionName)
            ?? throw new InvalidOperationException(
                $"No connection named '{connectionName}'. Configured: {string.Join(", ", options.Value.Connections.Keys)}.");
        return Resolve(connection);
    }

    public ICrmAdapter Resolve(ConnectionOptions connection)
    {
        if (!_factories.TryGetValue(connection.CrmKind, out var factory))
        {
            throw new InvalidOperationException(
                $"No adapter is registered for {connection.CrmKind} (connection '{connection.Name}').");
        }

        return factory.Create(connection);
    }
}
